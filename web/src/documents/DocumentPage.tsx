import { useCallback, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { classes, documents } from "../api/clients";
import { Code } from "@connectrpc/connect";
import { isNotFound } from "../api/errors";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { NotFoundPage } from "../components/NotFoundPage";
import { useAction, useLoad } from "../components/useCall";
import { SubmissionStatus } from "../gen/actors/v1/classes_pb";
import type { Annotation, AnnotationBody } from "../gen/actors/v1/documents_pb";
import type { PendingAdd } from "../live/annotationView";
import { AnnotationList } from "./AnnotationList";
import { ConnectionStatus } from "./ConnectionStatus";
import { findHandout } from "./handouts";
import { commentBody, PageView, type Tool } from "./PageView";
import { useLiveDocument } from "./useLiveDocument";

const none: readonly never[] = [];
const colors = [
  ["#ffd400", "Yellow"],
  ["#2e7dd7", "Blue"],
  ["#d13438", "Red"],
  ["#107c10", "Green"],
] as const;

/**
 * A document with its annotations, live: everyone's annotations arrive as they are saved; this user's own adds
 * show at once, marked as not yet saved until the gateway acknowledges them.
 */
export function DocumentPage() {
  const { documentId = "" } = useParams();
  const { session } = useSession();
  const userId = session?.userId ?? "";
  const document = useLoad((signal) => documents.getDocument({ documentId }, { signal }), [documentId]);
  const { store, state } = useLiveDocument(documentId, userId);
  const [tool, setTool] = useState<Tool>("comment");
  const [color, setColor] = useState<string>(colors[0][0]);
  const view = state.view;

  const byPage = useStableGroups(view.annotations);
  const pendingByPage = useMemo(() => group([...view.pending.values()]), [view.pending]);
  const onAdd = useCallback((page: number, body: AnnotationBody) => store?.add(page, body), [store]);

  const closed = state.connection.state === "closed" ? state.connection : undefined;
  if ((document.error && isNotFound(document.error)) || closed?.notFound) return <NotFoundPage what="document" />;

  const info = document.data;
  const handout = info ? findHandout(info.contentRef) : undefined;
  const pageCount = info?.pageCount ?? 0;
  const isMyCopy = info?.origin && info.ownerId === userId;

  return (
    <div className="document-layout">
      <div className="document-main">
        <p>
          <Link to="/">← Back</Link>
        </p>
        <h1>{info?.title ?? "Document"}</h1>
        <ErrorMessage error={document.error && !isNotFound(document.error) ? document.error : undefined} onRetry={document.reload} />
        <ConnectionStatus connection={state.connection} count={view.annotations.length} pending={view.pending.size} />
        {closed?.problem.code === Code.Unauthenticated && <Link to="/">Sign in again</Link>}
        {isMyCopy && info.origin && <HandIn classId={info.origin.classId} assignmentId={info.origin.assignmentId} studentId={userId} />}
        <div className="toolbar" role="toolbar" aria-label="Annotation tools">
          <fieldset>
            <legend>Tool</legend>
            {(["comment", "highlight", "ink"] as const).map((t) => (
              <label key={t} className={tool === t ? "selected" : ""}>
                <input type="radio" name="tool" value={t} checked={tool === t} onChange={() => setTool(t)} />
                {t === "comment" ? "Comment pin" : t === "highlight" ? "Highlight" : "Pen"}
              </label>
            ))}
          </fieldset>
          <label>
            Colour{" "}
            <select value={color} onChange={(e) => setColor(e.target.value)}>
              {colors.map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="hint">
          {tool === "comment" ? "Click on a page to pin a comment." : tool === "highlight" ? "Drag over a page to highlight." : "Draw on a page with the pointer."}
        </p>
        <div className="pages">
          {Array.from({ length: pageCount }, (_, i) => i + 1).map((page) => (
            <PageView
              key={page}
              page={page}
              paragraphs={handout?.pages[page - 1]}
              annotations={byPage.get(page) ?? none}
              pending={pendingByPage.get(page) ?? none}
              tool={tool}
              color={color}
              onAdd={onAdd}
            />
          ))}
        </div>
      </div>
      <aside className="document-side" aria-label="Annotations">
        <KeyboardComment pageCount={pageCount} onAdd={onAdd} countOnPage={(page) => (byPage.get(page)?.length ?? 0) + (pendingByPage.get(page)?.length ?? 0)} />
        <AnnotationList annotations={view.annotations} pending={view.pending} me={userId} onRetry={(id) => store?.retry(id)} onDiscard={(id) => store?.discard(id)} />
      </aside>
    </div>
  );
}

/** Groups by page, reusing last time's array for a page whose annotations did not change (so it is not redrawn). */
function useStableGroups(annotations: readonly Annotation[]): Map<number, readonly Annotation[]> {
  const previous = useRef(new Map<number, readonly Annotation[]>());
  return useMemo(() => {
    const groups = group(annotations);
    for (const [page, items] of groups) {
      const old = previous.current.get(page);
      if (old && old.length === items.length && old.every((a, i) => a === items[i])) groups.set(page, old);
    }
    previous.current = groups;
    return groups;
  }, [annotations]);
}

function group<T extends { page: number }>(items: readonly T[]): Map<number, readonly T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    let list = groups.get(item.page);
    if (!list) groups.set(item.page, (list = []));
    list.push(item);
  }
  return groups;
}

/** Pinning a comment without a pointer: choose the page, type, add. It is pinned down the page's left margin. */
function KeyboardComment({ pageCount, onAdd, countOnPage }: { pageCount: number; onAdd: (page: number, body: AnnotationBody) => void; countOnPage: (page: number) => number }) {
  const [page, setPage] = useState(1);
  const [text, setText] = useState("");
  return (
    <form
      className="stacked-form"
      aria-label="Add a comment"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onAdd(page, commentBody({ x: 0.04, y: 0.06 + (countOnPage(page) % 20) * 0.045 }, text.trim()));
        setText("");
      }}
    >
      <h2>Add a comment</h2>
      <div>
        <label htmlFor="comment-page">Page</label>
        <select id="comment-page" value={page} onChange={(e) => setPage(Number(e.target.value))}>
          {Array.from({ length: pageCount }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="comment-text">Comment</label>
        <textarea id="comment-text" value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={4000} />
      </div>
      <button type="submit" className="primary" disabled={pageCount === 0}>
        Add comment
      </button>
    </form>
  );
}

function HandIn({ classId, assignmentId, studentId }: { classId: string; assignmentId: string; studentId: string }) {
  const [done, setDone] = useState(false);
  const handIn = useAction(async () => {
    await classes.setSubmissionStatus({ classId, assignmentId, studentId, status: SubmissionStatus.SUBMITTED });
    setDone(true);
  });
  return (
    <div className="hand-in">
      <span>This is your own copy of an assignment.</span>{" "}
      <button type="button" onClick={() => void handIn.run()} disabled={handIn.busy || done}>
        {done ? "Handed in" : "Hand in"}
      </button>
      <ErrorMessage error={handIn.error} />
    </div>
  );
}

export type { PendingAdd };
