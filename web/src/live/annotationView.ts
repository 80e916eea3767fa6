// The annotations a document view shows, kept in step with the gateway's WatchAnnotations stream (docs/api.md,
// Live annotations) and with the adds this page has sent. Pure functions of (view, input) -> view, so that the
// ordering and acknowledgement rules are tested without a browser or a server.
//
// Rules:
// * The stream is the authority. Every change has a sequence, one more than the one before; a change at or below
//   the view's sequence was applied already (a repeat after a resume) and is ignored; a change beyond the next one
//   means something was missed, and the caller must resume from `view.sequence` (outcome "gap").
// * A SNAPSHOT replaces the view. It may come in parts with the same sequence (`snapshotContinues`); nothing is
//   shown from it until the last part, so a stream that breaks mid-snapshot leaves the previous view intact.
// * Annotations are listed in the order they were added (`addedAtSequence`), whoever added them.
// * An add this page made is "pending" until acknowledged, by the call's answer or by the stream's ADDED event,
//   whichever comes first. An answer ahead of the stream shows the annotation at once; the stream's own event for
//   it later changes nothing. An answer behind the stream changes nothing (the stream already shows what became of
//   the annotation, including a delete that followed it).
import type { Annotation, AnnotationBody, AnnotationEvent } from "../gen/actors/v1/documents_pb";
import { AnnotationEventKind } from "../gen/actors/v1/documents_pb";

export type PendingState = "sending" | "retrying" | "failed";

/** An add sent by this page and not yet acknowledged. Retried with the same id until it is. */
export interface PendingAdd {
  annotationId: string;
  authorId: string;
  page: number;
  body: AnnotationBody;
  state: PendingState;
  attempts: number;
  /** Why the last attempt failed, in words. */
  problem?: string;
}

export interface AnnotationView {
  /** The last change applied; undefined until the first snapshot. */
  readonly sequence: bigint | undefined;
  /** Acknowledged annotations in the order they were added. */
  readonly annotations: readonly Annotation[];
  readonly byId: ReadonlyMap<string, Annotation>;
  /** Adds of this page not yet acknowledged, in the order they were made. */
  readonly pending: ReadonlyMap<string, PendingAdd>;
  /** Parts of a snapshot still arriving. */
  readonly snapshotParts?: { sequence: bigint; items: Annotation[] };
}

export type Outcome = "applied" | "repeat" | "gap" | "snapshot-part";

export const emptyView: AnnotationView = { sequence: undefined, annotations: [], byId: new Map(), pending: new Map() };

/** Applies one stream event. On "gap" the view is unchanged and the caller resumes after `view.sequence`. */
export function applyEvent(view: AnnotationView, event: AnnotationEvent): { view: AnnotationView; outcome: Outcome } {
  if (event.kind === AnnotationEventKind.SNAPSHOT) {
    return applySnapshotPart(view, event);
  }

  if (view.sequence === undefined) {
    return { view, outcome: "gap" };
  }
  if (event.sequence <= view.sequence) {
    return { view, outcome: "repeat" };
  }
  if (event.sequence !== view.sequence + 1n) {
    return { view, outcome: "gap" };
  }

  let next: AnnotationView;
  switch (event.kind) {
    case AnnotationEventKind.ADDED:
    case AnnotationEventKind.EDITED:
      next = event.annotation ? upsert(view, event.annotation) : view;
      break;
    case AnnotationEventKind.DELETED:
      next = remove(view, event.annotationId);
      break;
    default:
      next = view;
  }
  return { view: { ...next, sequence: event.sequence, snapshotParts: undefined }, outcome: "applied" };
}

function applySnapshotPart(view: AnnotationView, event: AnnotationEvent): { view: AnnotationView; outcome: Outcome } {
  const previous = view.snapshotParts?.sequence === event.sequence ? view.snapshotParts.items : [];
  const items = [...previous, ...event.snapshot];
  if (event.snapshotContinues) {
    return { view: { ...view, snapshotParts: { sequence: event.sequence, items } }, outcome: "snapshot-part" };
  }

  // Annotations acknowledged to this page after the snapshot was taken stay: the events that add them follow.
  const ahead = view.annotations.filter((a) => a.changedAtSequence > event.sequence);
  let next: AnnotationView = { ...view, annotations: [], byId: new Map(), snapshotParts: undefined };
  next = withAll(next, [...items, ...ahead]);
  return { view: { ...next, sequence: event.sequence }, outcome: "applied" };
}

/** The answer to this page's own AddAnnotation: acknowledged. */
export function acknowledge(view: AnnotationView, annotation: Annotation): AnnotationView {
  const pending = without(view.pending, annotation.annotationId);
  const behindStream = view.sequence !== undefined && annotation.changedAtSequence <= view.sequence;
  const next = { ...view, pending };
  return behindStream ? next : upsert(next, annotation);
}

/** Records an add about to be sent. */
export function addPending(view: AnnotationView, add: Omit<PendingAdd, "state" | "attempts">): AnnotationView {
  const pending = new Map(view.pending);
  pending.set(add.annotationId, { ...add, state: "sending", attempts: 0 });
  return { ...view, pending };
}

/** Updates a pending add's state (another attempt, a failure); no-op once it is acknowledged. */
export function updatePending(view: AnnotationView, annotationId: string, change: Partial<Pick<PendingAdd, "state" | "attempts" | "problem">>): AnnotationView {
  const current = view.pending.get(annotationId);
  if (!current) return view;
  const pending = new Map(view.pending);
  pending.set(annotationId, { ...current, ...change });
  return { ...view, pending };
}

export function discardPending(view: AnnotationView, annotationId: string): AnnotationView {
  return view.pending.has(annotationId) ? { ...view, pending: without(view.pending, annotationId) } : view;
}

/** The annotations of one page, acknowledged ones in added order. */
export function annotationsOnPage(view: AnnotationView, page: number): Annotation[] {
  return view.annotations.filter((a) => a.page === page);
}

function upsert(view: AnnotationView, annotation: Annotation): AnnotationView {
  const annotations = view.annotations.slice();
  const byId = new Map(view.byId);
  const existing = byId.get(annotation.annotationId);
  if (existing) {
    annotations.splice(annotations.indexOf(existing), 1, annotation);
  } else {
    annotations.splice(insertionIndex(annotations, annotation.addedAtSequence), 0, annotation);
  }
  byId.set(annotation.annotationId, annotation);
  return { ...view, annotations, byId, pending: without(view.pending, annotation.annotationId) };
}

function withAll(view: AnnotationView, items: readonly Annotation[]): AnnotationView {
  const byId = new Map<string, Annotation>();
  for (const item of items) byId.set(item.annotationId, item);
  const annotations = [...byId.values()].sort((a, b) => compareBigInt(a.addedAtSequence, b.addedAtSequence));
  let pending = view.pending;
  for (const id of byId.keys()) pending = without(pending, id);
  return { ...view, annotations, byId, pending };
}

function remove(view: AnnotationView, annotationId: string): AnnotationView {
  const existing = view.byId.get(annotationId);
  if (!existing) return view;
  const byId = new Map(view.byId);
  byId.delete(annotationId);
  return { ...view, annotations: view.annotations.filter((a) => a !== existing), byId };
}

// Binary search: the first position whose annotation was added after `sequence` (adds usually go at the end).
function insertionIndex(annotations: readonly Annotation[], sequence: bigint): number {
  let low = 0;
  let high = annotations.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (annotations[mid].addedAtSequence <= sequence) low = mid + 1;
    else high = mid;
  }
  return low;
}

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
