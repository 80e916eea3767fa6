import { Link } from "react-router-dom";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { classes } from "../api/clients";
import { SubmissionStatus, type StudentWork } from "../gen/actors/v1/classes_pb";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";

export const statusWords: Record<SubmissionStatus, string> = {
  [SubmissionStatus.UNSPECIFIED]: "Unknown",
  [SubmissionStatus.NOT_STARTED]: "Not started",
  [SubmissionStatus.IN_PROGRESS]: "In progress",
  [SubmissionStatus.SUBMITTED]: "Handed in",
  [SubmissionStatus.RETURNED]: "Returned",
};

/** Every student's copy of one assignment, with its status; the teacher opens a copy or returns handed-in work. */
export function SubmissionsTable({ classId, assignmentId }: { classId: string; assignmentId: string }) {
  const work = usePagedList<StudentWork>(
    async (pageToken, pageSize, signal) => {
      const r = await classes.listSubmissions({ classId, assignmentId, pageToken, pageSize }, { signal });
      return { items: r.work, nextPageToken: r.nextPageToken };
    },
    (w) => w.studentId,
    [classId, assignmentId],
  );
  const giveBack = useAction((studentId: string) =>
    classes.setSubmissionStatus({ classId, assignmentId, studentId, status: SubmissionStatus.RETURNED }),
  );

  return (
    <div className="submissions">
      <ErrorMessage error={work.error ?? giveBack.error} onRetry={work.reload} />
      {work.items.length === 0 && !work.loading ? (
        <p>No copies yet: students get one when they are active in the class.</p>
      ) : (
        <table>
          <caption>Submissions</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {work.items.map((w) => (
              <tr key={w.studentId} data-student={w.studentId}>
                <td>
                  <Link to={`/documents/${encodeURIComponent(w.copyDocumentId)}`} aria-label={`Open ${w.studentId}'s copy`}>
                    {w.studentId}
                  </Link>
                </td>
                <td>{statusWords[w.status]}</td>
                <td>{w.updateTime ? timestampDate(w.updateTime).toLocaleString() : ""}</td>
                <td>
                  {w.status === SubmissionStatus.SUBMITTED && (
                    <button
                      type="button"
                      onClick={async () => {
                        await giveBack.run(w.studentId);
                        work.reload();
                      }}
                      aria-label={`Return ${w.studentId}'s work`}
                    >
                      Return
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="link" onClick={work.reload}>
        Refresh submissions
      </button>
    </div>
  );
}
