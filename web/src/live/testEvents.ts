// Builders of API messages for the unit tests.
import { create } from "@bufbuild/protobuf";
import {
  AnnotationEventKind,
  AnnotationBodySchema,
  AnnotationEventSchema,
  AnnotationSchema,
  type Annotation,
  type AnnotationBody,
  type AnnotationEvent,
} from "../gen/actors/v1/documents_pb";

export function comment(text: string): AnnotationBody {
  return create(AnnotationBodySchema, { kind: { case: "comment", value: { text, anchor: { x: 0.5, y: 0.5 } } } });
}

export function annotation(id: string, addedAt: bigint, changedAt: bigint = addedAt, page = 1, author = "s1"): Annotation {
  return create(AnnotationSchema, { annotationId: id, authorId: author, page, body: comment(id), addedAtSequence: addedAt, changedAtSequence: changedAt });
}

export function added(sequence: bigint, id: string, page = 1): AnnotationEvent {
  return create(AnnotationEventSchema, { sequence, kind: AnnotationEventKind.ADDED, annotationId: id, annotation: annotation(id, sequence, sequence, page) });
}

export function edited(sequence: bigint, id: string, addedAt: bigint, page = 1): AnnotationEvent {
  return create(AnnotationEventSchema, { sequence, kind: AnnotationEventKind.EDITED, annotationId: id, annotation: annotation(id, addedAt, sequence, page) });
}

export function deleted(sequence: bigint, id: string): AnnotationEvent {
  return create(AnnotationEventSchema, { sequence, kind: AnnotationEventKind.DELETED, annotationId: id });
}

export function snapshot(sequence: bigint, items: Annotation[], continues = false): AnnotationEvent {
  return create(AnnotationEventSchema, { sequence, kind: AnnotationEventKind.SNAPSHOT, snapshot: items, snapshotContinues: continues });
}
