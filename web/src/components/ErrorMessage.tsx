import { describeError } from "../api/errors";

/** A failed call in words: what happened, what to do, and each rejected field. Announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error === undefined || error === null) return null;
  const { title, detail, fields } = describeError(error);
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
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
