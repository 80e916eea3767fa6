import { Code } from "@connectrpc/connect";
import { useNavigate } from "react-router-dom";
import { describeError } from "../api/errors";
import { useSession } from "../auth/SessionContext";

/** A failed call in words: what happened, what to do, and each rejected field. Announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  if (error === undefined || error === null) return null;
  const { title, detail, fields, code } = describeError(error);
  return (
    <div className="error" role="alert">
      <p>
        <strong>{title}</strong> {detail}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              {f.label}: {f.description}
            </li>
          ))}
        </ul>
      )}
      {code === Code.Unauthenticated ? (
        <button
          type="button"
          onClick={() => {
            signOut();
            navigate("/");
          }}
        >
          Sign in again
        </button>
      ) : (
        onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )
      )}
    </div>
  );
}
