import { useMemo } from "react";
import type { Annotation } from "../gen/actors/v1/documents_pb";
import type { PendingAdd } from "../live/annotationView";
import { VirtualList } from "../components/VirtualList";

type Row = { kind: "saved"; annotation: Annotation } | { kind: "pending"; add: PendingAdd };

function describe(body: Annotation["body"]): string {
  switch (body?.kind.case) {
    case "comment":
      return body.kind.value.text;
    case "highlight":
      return "Highlight";
    case "ink":
      return "Pen stroke";
    default:
      return "Annotation";
  }
}

/** Every annotation in the order it was added, then this user's adds not yet saved with what became of them. */
export function AnnotationList({ annotations, pending, me, onRetry, onDiscard }: {
  annotations: readonly Annotation[];
  pending: ReadonlyMap<string, PendingAdd>;
  me: string;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
}) {
  const rows = useMemo<Row[]>(
    () => [...annotations.map((annotation) => ({ kind: "saved" as const, annotation })), ...[...pending.values()].map((add) => ({ kind: "pending" as const, add }))],
    [annotations, pending],
  );
  return (
    <section aria-labelledby="annotation-list-title">
      <h2 id="annotation-list-title">Annotations</h2>
      <VirtualList
        items={rows}
        rowHeight={60}
        height={480}
        follow
        label="All annotations, oldest first"
        itemKey={(row) => (row.kind === "saved" ? row.annotation.annotationId : row.add.annotationId)}
        render={(row) =>
          row.kind === "saved" ? (
            <div className="annotation-row" data-annotation={row.annotation.annotationId} data-author={row.annotation.authorId} data-sequence={String(row.annotation.addedAtSequence)}>
              <span className="who">{row.annotation.authorId === me ? "You" : row.annotation.authorId}</span> · page {row.annotation.page}
              <span className="what">{describe(row.annotation.body)}</span>
            </div>
          ) : (
            <div className={`annotation-row pending ${row.add.state}`} data-annotation={row.add.annotationId} data-pending={row.add.state}>
              <span className="who">You</span> · page {row.add.page} ·{" "}
              <strong>{row.add.state === "sending" ? "Saving…" : row.add.state === "retrying" ? `Not saved yet, retrying (${row.add.problem})` : `Not saved: ${row.add.problem}`}</strong>
              <span className="what">{describe(row.add.body)}</span>
              {row.add.state === "failed" && (
                <span>
                  <button type="button" onClick={() => onRetry(row.add.annotationId)}>
                    Try again
                  </button>{" "}
                  <button type="button" onClick={() => onDiscard(row.add.annotationId)}>
                    Discard
                  </button>
                </span>
              )}
            </div>
          )
        }
      />
    </section>
  );
}
