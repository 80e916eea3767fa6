// Drawing highlights and ink strokes of one page onto a canvas. Positions are fractions of the page (0-1), so the
// same annotation draws the same at any zoom. One canvas per page instead of an element per stroke keeps a page
// with hundreds of strokes cheap for the browser: a redraw is one pass over the page's annotations.
import type { AnnotationBody, PagePoint } from "../gen/actors/v1/documents_pb";

export interface Drawable {
  body?: AnnotationBody;
  /** Pending adds are drawn fainter. */
  pending?: boolean;
}

export function drawPage(context: CanvasRenderingContext2D, width: number, height: number, items: readonly Drawable[]): void {
  context.clearRect(0, 0, width, height);
  for (const item of items) {
    const kind = item.body?.kind;
    if (!kind) continue;
    context.globalAlpha = item.pending ? 0.45 : 1;
    if (kind.case === "highlight") {
      context.fillStyle = kind.value.color;
      context.globalAlpha *= 0.35;
      for (const r of kind.value.rects) context.fillRect(r.x * width, r.y * height, r.width * width, r.height * height);
    } else if (kind.case === "ink") {
      strokePath(context, kind.value.points, width, height, kind.value.color, kind.value.width * width);
    }
  }
  context.globalAlpha = 1;
}

export function strokePath(context: CanvasRenderingContext2D, points: readonly { x: number; y: number }[], width: number, height: number, color: string, lineWidth: number): void {
  if (points.length < 2) return;
  context.strokeStyle = color;
  context.lineWidth = Math.max(1, lineWidth);
  context.lineCap = "round";
  context.lineJoin = "round";
  context.beginPath();
  context.moveTo(points[0].x * width, points[0].y * height);
  for (let i = 1; i < points.length; i++) context.lineTo(points[i].x * width, points[i].y * height);
  context.stroke();
}

/** At most `max` points (the API's limit is 5,000), keeping the first and last. */
export function limitPoints<T>(points: readonly T[], max = 5000): T[] {
  if (points.length <= max) return points.slice();
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

/** A pointer position as a fraction of the element's box, clamped to the page. */
export function pagePoint(event: { clientX: number; clientY: number }, box: DOMRect): { x: number; y: number } {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
}

export type PointLike = Pick<PagePoint, "x" | "y">;
