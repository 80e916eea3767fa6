import { useEffect, useRef, useState, type FormEvent } from "react";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { classes } from "../api/clients";
import { RosterState, type RosterEntry } from "../gen/actors/v1/classes_pb";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { rosterRefreshMs, rosterSignature } from "./rosterRefresh";

const stateWords: Record<RosterState, string> = {
  [RosterState.UNSPECIFIED]: "Unknown",
  [RosterState.JOINING]: "Joining",
  [RosterState.ACTIVE]: "Active",
  [RosterState.LEAVING]: "Leaving",
  [RosterState.INVITING]: "Inviting",
  [RosterState.INVITED]: "Invited",
};

/**
 * The roster of a class, a page at a time, with each student's enrollment state; enroll and remove. A teacher's
 * enrollment is an invitation (Invited) until the student accepts it or joins with the class's code; a school
 * administrator's is active at once. Only students on the school's roster can be enrolled. The roster is read again
 * every few seconds (see rosterRefresh.ts), so an acceptance shows without a reload.
 */
export function RosterSection({ classId, onChange }: { classId: string; onChange: () => void }) {
  const roster = usePagedList<RosterEntry>(
    async (pageToken, pageSize, signal) => {
      const r = await classes.listRoster({ classId, pageToken, pageSize }, { signal });
      return { items: r.entries, nextPageToken: r.nextPageToken };
    },
    (e) => e.studentId,
    [classId],
    50,
    rosterRefreshMs,
  );
  // The roster is read again in the background (a student accepting, joining with the code): when who is on it
  // changes, the class's counts are read again too.
  const signature = rosterSignature(roster.items);
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    onChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  const [studentId, setStudentId] = useState("");
  const enroll = useAction((id: string) => classes.enrollStudent({ classId, studentId: id }));
  const remove = useAction((id: string) => classes.removeStudent({ classId, studentId: id }));

  const onEnroll = async (e: FormEvent) => {
    e.preventDefault();
    if (await enroll.run(studentId.trim())) {
      setStudentId("");
      roster.reload();
      onChange();
    }
  };

  return (
    <section aria-labelledby="roster">
      <h2 id="roster">Roster</h2>
      <form onSubmit={onEnroll} className="inline-form">
        <label htmlFor="enroll-student">Student id</label>
        <input id="enroll-student" value={studentId} onChange={(e) => setStudentId(e.target.value)} required />
        <button type="submit" disabled={enroll.busy}>
          {enroll.busy ? "Enrolling…" : "Enroll student"}
        </button>
      </form>
      <ErrorMessage error={enroll.error ?? remove.error} />
      <ErrorMessage error={roster.error} onRetry={roster.reload} />
      {roster.items.length === 0 && !roster.loading ? (
        <p>No students yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Students in this class and their enrollment state</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roster.items.map((entry) => (
              <tr key={entry.studentId} data-student={entry.studentId}>
                <td>{entry.studentId}</td>
                <td>
                  <span className={`badge state-${RosterState[entry.state].toLowerCase()}`}>{stateWords[entry.state]}</span>
                </td>
                <td>{entry.enrollTime ? timestampDate(entry.enrollTime).toLocaleString() : ""}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    disabled={remove.busy}
                    onClick={async () => {
                      await remove.run(entry.studentId);
                      roster.reload();
                      onChange();
                    }}
                    aria-label={`Remove ${entry.studentId} from the class`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {roster.hasMore && (
        <button type="button" onClick={roster.more} disabled={roster.loading}>
          Show more students
        </button>
      )}
    </section>
  );
}
