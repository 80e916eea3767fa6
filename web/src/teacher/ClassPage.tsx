import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { classes } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useLoad } from "../components/useCall";
import { isNotFound } from "../api/errors";
import { listOwner, rememberClass } from "./knownClasses";
import { RosterSection } from "./RosterSection";
import { AssignmentsSection } from "./AssignmentsSection";
import { NotFoundPage } from "../components/NotFoundPage";

/** One class for its teacher: its join code, roster with enrollment states, assignments, submissions. */
export function ClassPage() {
  const { classId = "" } = useParams();
  const { session } = useSession();
  const [changes, setChanges] = useState(0);
  const klass = useLoad(async (signal) => {
    const c = await classes.getClass({ classId }, { signal });
    if (session) rememberClass(listOwner(session), { classId: c.classId, title: c.title });
    return c;
  }, [classId, changes]);

  if (klass.error && isNotFound(klass.error)) return <NotFoundPage what="class" />;
  return (
    <>
      <p>
        <Link to="/teacher">← Classes</Link>
      </p>
      <h1>{klass.data?.title ?? "Class"}</h1>
      <ErrorMessage error={klass.error} onRetry={klass.reload} />
      {klass.data && (
        <p className="meta">
          Class id <code>{klass.data.classId}</code> · {klass.data.studentCount} students · {klass.data.assignmentCount} assignments
        </p>
      )}
      <JoinCode classId={classId} />
      <RosterSection classId={classId} onChange={() => setChanges((n) => n + 1)} />
      <AssignmentsSection classId={classId} onChange={() => setChanges((n) => n + 1)} />
    </>
  );
}

/** The code students of the school join the class with (shown to the class's teacher and the school's administrators). */
function JoinCode({ classId }: { classId: string }) {
  const code = useLoad((signal) => classes.getJoinCode({ classId }, { signal }), [classId]);
  if (!code.data) return <ErrorMessage error={code.error} onRetry={code.reload} />;
  return (
    <p className="meta">
      Students join with the class id and the code <code data-testid="join-code">{code.data.joinCode}</code>
    </p>
  );
}
