import { memo, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { create } from "@bufbuild/protobuf";
import { AnnotationBodySchema, type Annotation, type AnnotationBody } from "../gen/actors/v1/documents_pb";
import type { PendingAdd } from "../live/annotationView";
import { drawPage, limitPoints, pagePoint, strokePath, type Drawable } from "./drawing";

export type Tool = "comment" | "highlight" | "ink";

/** Page height over width (A4). */
const aspect = 1.4142;

interface PageViewProps {
  page: number;
  paragraphs: string[] | undefined;
  annotations: readonly Annotation[];
  pending: readonly PendingAdd[];
  tool: Tool;
  color: string;
  onAdd: (page: number, body: AnnotationBody) => void;
}

/**
 * One page: its text, a canvas with its highlights and ink, and a button per comment pin. Pages far from the
 * viewport draw nothing (an IntersectionObserver tells which are near), so a long document with thousands of
 * annotations costs only what is on screen.
 */
export const PageView = memo(function PageView({ page, paragraphs, annotations, pending, tool, color, onAdd }: PageViewProps) {
  const sheet = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const draft = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(page <= 2);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [composer, setComposer] = useState<{ x: number; y: number } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const stroke = useRef<{ points: { x: number; y: number }[]; start: { x: number; y: number } } | undefined>(undefined);

  useEffect(() => {
    const element = sheet.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry.isIntersecting), { rootMargin: "600px 0px" });
    observer.observe(element);
    const resize = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      setSize({ width, height: Math.round(width * aspect) });
    });
    resize.observe(element);
    return () => {
      observer.disconnect();
      resize.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !near || size.width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = size.width * ratio;
    element.height = size.height * ratio;
    const context = element.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const items: Drawable[] = [...annotations, ...pending.map((p) => ({ body: p.body, pending: true }))];
    drawPage(context, size.width, size.height, items);
  }, [annotations, pending, near, size]);

  const drawDraft = (points: { x: number; y: number }[], start: { x: number; y: number }, end: { x: number; y: number }) => {
    const element = draft.current;
    const context = element?.getContext("2d");
    if (!element || !context) return;
    element.width = size.width;
    element.height = size.height;
    if (tool === "ink") {
      strokePath(context, points, size.width, size.height, color, 0.004 * size.width);
    } else {
      context.fillStyle = color;
      context.globalAlpha = 0.3;
      context.fillRect(Math.min(start.x, end.x) * size.width, Math.min(start.y, end.y) * size.height, Math.abs(end.x - start.x) * size.width, Math.abs(end.y - start.y) * size.height);
    }
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (tool === "comment" || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = pagePoint(e, e.currentTarget.getBoundingClientRect());
    stroke.current = { points: [p], start: p };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const current = stroke.current;
    if (!current) return;
    const p = pagePoint(e, e.currentTarget.getBoundingClientRect());
    const last = current.points[current.points.length - 1];
    if (Math.hypot(p.x - last.x, p.y - last.y) < 0.002) return;
    current.points.push(p);
    drawDraft(current.points, current.start, p);
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const current = stroke.current;
    stroke.current = undefined;
    draft.current?.getContext("2d")?.clearRect(0, 0, size.width, size.height);
    if (!current) return;
    const end = pagePoint(e, e.currentTarget.getBoundingClientRect());
    if (tool === "ink" && current.points.length >= 2) {
      onAdd(page, inkBody(limitPoints(current.points), color));
    } else if (tool === "highlight") {
      const rect = { x: Math.min(current.start.x, end.x), y: Math.min(current.start.y, end.y), width: Math.abs(end.x - current.start.x), height: Math.abs(end.y - current.start.y) };
      if (rect.width > 0.005 && rect.height > 0.005) onAdd(page, highlightBody(rect, color));
    }
  };
  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (tool !== "comment" || e.target !== e.currentTarget) return;
    setComposer(pagePoint(e, e.currentTarget.getBoundingClientRect()));
  };

  const comments = [
    ...annotations.filter((a) => a.body?.kind.case === "comment").map((a) => ({ id: a.annotationId, author: a.authorId, body: a.body!, pending: undefined as PendingAdd | undefined })),
    ...pending.filter((p) => p.body.kind.case === "comment").map((p) => ({ id: p.annotationId, author: p.authorId, body: p.body, pending: p })),
  ];

  return (
    <section className="page" aria-label={`Page ${page}`} data-page={page}>
      <div
        ref={sheet}
        className={`sheet tool-${tool}`}
        style={{ aspectRatio: `1 / ${aspect}` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (stroke.current = undefined)}
        onClick={onClick}
        data-testid={`page-${page}`}
      >
        <div className="page-text" aria-hidden={false}>
          {paragraphs ? paragraphs.map((p, i) => (i === 0 ? <h2 key={i}>{p}</h2> : <p key={i}>{p}</p>)) : <p className="blank">Page {page}</p>}
        </div>
        {near && <canvas ref={canvas} className="ink-layer" aria-hidden="true" />}
        <canvas ref={draft} className="ink-layer draft" aria-hidden="true" width={size.width} height={size.height} />
        {near &&
          comments.map((c, index) => {
            if (c.body.kind.case !== "comment") return null;
            const { anchor, text } = c.body.kind.value;
            return (
              <button
                key={c.id}
                type="button"
                className={`pin${c.pending ? " pending" : ""}`}
                style={{ left: `${(anchor?.x ?? 0) * 100}%`, top: `${(anchor?.y ?? 0) * 100}%` }}
                aria-label={`${index + 1}: comment by ${c.author}${c.pending ? " (not yet saved)" : ""}: ${text}`}
                aria-expanded={open === c.id}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen(open === c.id ? undefined : c.id);
                }}
                data-annotation={c.id}
              >
                <span aria-hidden="true">{index + 1}</span>
                {open === c.id && <span className="pin-text">{text}</span>}
              </button>
            );
          })}
        {composer && (
          <CommentComposer
            at={composer}
            onCancel={() => setComposer(undefined)}
            onSave={(text) => {
              onAdd(page, commentBody(composer, text));
              setComposer(undefined);
            }}
          />
        )}
      </div>
    </section>
  );
});

function CommentComposer({ at, onSave, onCancel }: { at: { x: number; y: number }; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <form
      className="composer"
      style={{ left: `${Math.min(at.x, 0.6) * 100}%`, top: `${at.y * 100}%` }}
      onClick={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text.trim());
      }}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <label htmlFor="composer-text">Comment</label>
      <textarea id="composer-text" ref={input} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} rows={3} />
      <div>
        <button type="submit" className="primary">
          Add comment
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function commentBody(anchor: { x: number; y: number }, text: string): AnnotationBody {
  return create(AnnotationBodySchema, { kind: { case: "comment", value: { anchor, text } } });
}

export function inkBody(points: { x: number; y: number }[], color: string): AnnotationBody {
  return create(AnnotationBodySchema, { kind: { case: "ink", value: { points, color, width: 0.004 } } });
}

export function highlightBody(rect: { x: number; y: number; width: number; height: number }, color: string): AnnotationBody {
  return create(AnnotationBodySchema, { kind: { case: "highlight", value: { rects: [rect], color } } });
}
