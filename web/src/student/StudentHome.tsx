import { Link } from "react-router-dom";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { classes, students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import type { ClassMembership } from "../gen/actors/v1/students_pb";
import { ErrorMessage } from "../components/ErrorMessage";
import { useLoad } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { readAll } from "../paging/paging";
import { statusWords } from "../teacher/SubmissionsTable";

/** A student's classes and, in each, the assignments with their own copy. */
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
      {memberships.items.map((m) => (
        <ClassAssignments key={m.classId} membership={m} studentId={studentId} />
      ))}
      {memberships.hasMore && (
        <button type="button" onClick={memberships.more}>
          Show more classes
        </button>
      )}
    </>
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
