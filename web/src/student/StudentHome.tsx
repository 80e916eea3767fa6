import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { classes, students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ClassMembershipState, type ClassMembership } from "../gen/actors/v1/students_pb";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction, useLoad } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { readAll } from "../paging/paging";
import { statusWords } from "../teacher/SubmissionsTable";

/**
 * A student's classes and, in each, the assignments with their own copy; the classes a teacher invited them to, to
 * accept or decline; and joining a class with the code its teacher gave.
 */
export function StudentHome() {
  const { session } = useSession();
  const studentId = session?.userId ?? "";
  const memberships = usePagedList<ClassMembership>(
    async (pageToken, pageSize, signal) => {
      const r = await students.listClasses({ studentId, pageToken, pageSize }, { signal });
      return { items: r.classes, nextPageToken: r.nextPageToken };
    },
    (c) => c.classId,
    [studentId],
  );
  return (
    <>
      <h1>My classes</h1>
      <ErrorMessage error={memberships.error} onRetry={memberships.reload} />
      {memberships.items.length === 0 && !memberships.loading && <p>You are not in any class yet.</p>}
      {memberships.items.map((m) =>
        m.state === ClassMembershipState.INVITED ? (
          <Invitation key={m.classId} membership={m} onAnswered={memberships.reload} />
        ) : (
          <ClassAssignments key={m.classId} membership={m} studentId={studentId} />
        ),
      )}
      {memberships.hasMore && (
        <button type="button" onClick={memberships.more}>
          Show more classes
        </button>
      )}
      <JoinWithCode onJoined={memberships.reload} />
    </>
  );
}

/** A class the student is invited to: nothing of it is shown, and the teacher sees none of the student's work, until they accept. */
function Invitation({ membership, onAnswered }: { membership: ClassMembership; onAnswered: () => void }) {
  const { classId } = membership;
  const accept = useAction(() => classes.acceptInvitation({ classId }));
  const decline = useAction(() => classes.declineInvitation({ classId }));
  const answer = async (run: () => Promise<unknown>) => {
    if ((await run()) !== undefined) onAnswered();
  };
  return (
    <section aria-labelledby={`invitation-${classId}`} className="class-card invitation" data-class={classId}>
      <h2 id={`invitation-${classId}`}>{membership.title}</h2>
      <p className="meta">Teacher {membership.teacherId} invited you to this class.</p>
      <ErrorMessage error={accept.error ?? decline.error} />
      <p className="links">
        <button type="button" disabled={accept.busy || decline.busy} onClick={() => answer(accept.run)}>
          Accept invitation
        </button>{" "}
        <button type="button" className="link" disabled={accept.busy || decline.busy} onClick={() => answer(decline.run)}>
          Decline
        </button>
      </p>
    </section>
  );
}

/** Joins a class of the school with the code its teacher gave (invited or not). */
function JoinWithCode({ onJoined }: { onJoined: () => void }) {
  const [classId, setClassId] = useState("");
  const [joinCode, setJoinCode] = useState("");
  const join = useAction(() => classes.joinClass({ classId: classId.trim(), joinCode: joinCode.trim() }));
  const onJoin = async (e: FormEvent) => {
    e.preventDefault();
    if ((await join.run()) !== undefined) {
      setClassId("");
      setJoinCode("");
      onJoined();
    }
  };
  return (
    <section aria-labelledby="join-class">
      <h2 id="join-class">Join a class</h2>
      <form onSubmit={onJoin} className="inline-form">
        <label htmlFor="join-class-id">Class id</label>
        <input id="join-class-id" value={classId} onChange={(e) => setClassId(e.target.value)} required autoComplete="off" />
        <label htmlFor="join-code">Join code</label>
        <input id="join-code" value={joinCode} onChange={(e) => setJoinCode(e.target.value)} required autoComplete="off" />
        <button type="submit" disabled={join.busy}>
          {join.busy ? "Joining…" : "Join class"}
        </button>
      </form>
      <ErrorMessage error={join.error} />
    </section>
  );
}

function ClassAssignments({ membership, studentId }: { membership: ClassMembership; studentId: string }) {
  const { classId } = membership;
  const work = useLoad(async (signal) => {
    const assignments = await readAll(async (pageToken, pageSize) => {
      const r = await classes.listAssignments({ classId, pageToken, pageSize }, { signal });
      return { items: r.assignments, nextPageToken: r.nextPageToken };
    }, { limit: 200 });
    return Promise.all(
      assignments.map(async (assignment) => {
        const mine = await classes.listSubmissions({ classId, assignmentId: assignment.assignmentId, pageSize: 1 }, { signal });
        return { assignment, work: mine.work.find((w) => w.studentId === studentId) };
      }),
    );
  }, [classId, studentId]);

  return (
    <section aria-labelledby={`class-${classId}`} className="class-card" data-class={classId}>
      <h2 id={`class-${classId}`}>{membership.title}</h2>
      <p className="meta">Teacher: {membership.teacherId}</p>
      <ErrorMessage error={work.error} onRetry={work.reload} />
      {work.data?.length === 0 && <p>No assignments yet.</p>}
      <ul className="assignments">
        {work.data?.map(({ assignment, work: mine }) => (
          <li key={assignment.assignmentId} data-assignment={assignment.assignmentId}>
            <h3>{assignment.title}</h3>
            <p className="meta">
              Due {assignment.dueTime ? timestampDate(assignment.dueTime).toLocaleDateString() : "—"}
              {mine ? ` · ${statusWords[mine.status]}` : ""}
            </p>
            <p className="links">
              {mine ? (
                <Link to={`/documents/${encodeURIComponent(mine.copyDocumentId)}`}>Open my copy</Link>
              ) : (
                <span>Your copy is on its way.</span>
              )}{" "}
              <Link to={`/documents/${encodeURIComponent(assignment.documentId)}`}>Open the class document</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
