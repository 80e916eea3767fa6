import type { ConnectionState } from "../live/liveDocument";

/** Whether the page is receiving changes, in words; announced politely when it changes. */
export function ConnectionStatus({ connection, count, pending }: { connection: ConnectionState; count: number; pending: number }) {
  let text: string;
  switch (connection.state) {
    case "connecting":
      text = "Connecting…";
      break;
    case "live":
      text = "Live: changes appear as they are saved.";
      break;
    case "reconnecting":
      text = `Reconnecting. ${connection.problem.title} Your work is kept and sent when the connection returns.`;
      break;
    case "closed":
      text = `${connection.problem.title} ${connection.problem.detail ?? ""}`;
      break;
  }
  return (
    <div className={`connection ${connection.state}`} role="status" aria-live="polite" data-state={connection.state}>
      <span className="dot" aria-hidden="true" /> {text}{" "}
      <span className="counts">
        <span data-testid="annotation-count">{count}</span> annotations{pending > 0 ? `, ${pending} not yet saved` : ""}
      </span>
    </div>
  );
}
