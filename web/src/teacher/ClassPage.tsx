import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { classes } from "../api/clients";
import { homePath } from "../auth/session";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction, useLoad } from "../components/useCall";
import { isNotFound } from "../api/errors";
import { RosterSection } from "./RosterSection";
import { AssignmentsSection } from "./AssignmentsSection";
import { NotFoundPage } from "../components/NotFoundPage";

/** One class for its teacher: its join code, roster with enrollment states, assignments, submissions. */
export function ClassPage() {
  const { classId = "" } = useParams();
  const { session } = useSession();
  // School administrators manage classes too; they go back to the school's page.
  const back = session ? homePath(session) : "/";
  const [changes, setChanges] = useState(0);
  const klass = useLoad((signal) => classes.getClass({ classId }, { signal }), [classId, changes]);

  if (klass.error && isNotFound(klass.error)) return <NotFoundPage what="class" />;
  return (
    <>
      <p>
        <Link to={back}>{back === "/school" ? "← School" : "← Classes"}</Link>
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

/**
 * The code students of the school join the class with (shown to the class's teacher and the school's
 * administrators), and a button that replaces it: the old code stops working at once (a code that got around).
 * Rotating is not retried (a repeat would replace the code the first attempt handed out): a failure is shown.
 */
function JoinCode({ classId }: { classId: string }) {
  const code = useLoad((signal) => classes.getJoinCode({ classId }, { signal }), [classId]);
  const [rotated, setRotated] = useState<string>();
  const rotate = useAction(async () => setRotated((await classes.rotateJoinCode({ classId })).joinCode));
  const current = rotated ?? code.data?.joinCode;
  if (current === undefined) return <ErrorMessage error={code.error} onRetry={code.reload} />;
  return (
    <div className="join-code">
      <p className="meta">
        Students join with the class id and the code <code data-testid="join-code">{current}</code>
      </p>
      <button type="button" onClick={() => void rotate.run()} disabled={rotate.busy} aria-describedby="rotate-help">
        {rotate.busy ? "Changing the code…" : "New join code"}
      </button>
      <span id="rotate-help" className="meta">
        {rotated ? " The code was changed; the old one no longer works." : " The current code stops working."}
      </span>
      <ErrorMessage error={rotate.error} />
    </div>
  );
}
