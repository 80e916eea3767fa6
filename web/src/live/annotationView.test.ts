import { describe, expect, it } from "vitest";
import { acknowledge, addPending, applyEvent, emptyView, updatePending, type AnnotationView } from "./annotationView";
import type { AnnotationEvent } from "../gen/actors/v1/documents_pb";
import { added, annotation, comment, deleted, edited, snapshot } from "./testEvents";

function applyAll(view: AnnotationView, events: AnnotationEvent[]): AnnotationView {
  return events.reduce((v, e) => applyEvent(v, e).view, view);
}

const ids = (view: AnnotationView) => view.annotations.map((a) => a.annotationId);

describe("applying the watch stream", () => {
  it("starts from a snapshot and applies changes in sequence", () => {
    const view = applyAll(emptyView, [snapshot(3n, [annotation("a", 1n), annotation("b", 2n)]), added(4n, "c"), deleted(5n, "a"), edited(6n, "b", 2n, 2)]);

    expect(view.sequence).toBe(6n);
    expect(ids(view)).toEqual(["b", "c"]);
    expect(view.byId.get("b")?.page).toBe(2);
  });

  it("ignores a change it already holds (a repeat after a resume)", () => {
    const view = applyAll(emptyView, [snapshot(1n, []), added(2n, "a"), added(3n, "b")]);

    const repeat = applyEvent(view, added(3n, "b"));

    expect(repeat.outcome).toBe("repeat");
    expect(repeat.view).toBe(view);
    expect(ids(repeat.view)).toEqual(["a", "b"]);
  });

  it("reports a gap instead of applying a change beyond the next one", () => {
    const view = applyAll(emptyView, [snapshot(1n, []), added(2n, "a")]);

    const gap = applyEvent(view, added(4n, "c"));

    expect(gap.outcome).toBe("gap");
    expect(gap.view.sequence).toBe(2n);
    expect(ids(gap.view)).toEqual(["a"]);
  });

  it("reports a gap for a change before any snapshot", () => {
    expect(applyEvent(emptyView, added(1n, "a")).outcome).toBe("gap");
  });

  it("shows a snapshot in parts only once its last part arrives, and replaces the view with it", () => {
    const before = applyAll(emptyView, [snapshot(1n, [annotation("old", 1n)])]);

    const part = applyEvent(before, snapshot(9n, [annotation("x", 5n)], true));
    const whole = applyEvent(part.view, snapshot(9n, [annotation("y", 8n)]));

    expect(part.outcome).toBe("snapshot-part");
    expect(ids(part.view)).toEqual(["old"]);
    expect(whole.view.sequence).toBe(9n);
    expect(ids(whole.view)).toEqual(["x", "y"]);
  });

  it("drops parts of a snapshot that never finished when a new one starts", () => {
    const broken = applyAll(emptyView, [snapshot(5n, [annotation("x", 5n)], true)]);

    const view = applyAll(broken, [snapshot(7n, [annotation("y", 6n)])]);

    expect(ids(view)).toEqual(["y"]);
  });

  it("lists annotations in the order they were added, whatever order they arrive in", () => {
    const view = applyAll(emptyView, [snapshot(10n, [annotation("c", 9n), annotation("a", 2n), annotation("b", 4n)])]);

    expect(ids(view)).toEqual(["a", "b", "c"]);
  });
});

describe("pending adds", () => {
  const draft = { annotationId: "mine", authorId: "s1", page: 1, body: comment("hello") };

  it("stays pending until the answer acknowledges it, then shows once", () => {
    let view = applyAll(emptyView, [snapshot(1n, [])]);
    view = addPending(view, draft);
    expect(view.pending.get("mine")?.state).toBe("sending");

    view = acknowledge(view, annotation("mine", 2n));
    view = applyEvent(view, added(2n, "mine")).view;

    expect(view.pending.size).toBe(0);
    expect(ids(view)).toEqual(["mine"]);
    expect(view.sequence).toBe(2n);
  });

  it("is acknowledged by the stream's event when that comes before the answer", () => {
    let view = addPending(applyAll(emptyView, [snapshot(1n, [])]), draft);

    view = applyEvent(view, added(2n, "mine")).view;
    expect(view.pending.size).toBe(0);
    view = acknowledge(view, annotation("mine", 2n));

    expect(ids(view)).toEqual(["mine"]);
  });

  it("keeps what the stream says when the answer arrives after a later delete", () => {
    let view = addPending(applyAll(emptyView, [snapshot(1n, [])]), draft);
    view = applyAll(view, [added(2n, "mine"), deleted(3n, "mine")]);

    view = acknowledge(view, annotation("mine", 2n));

    expect(ids(view)).toEqual([]);
    expect(view.pending.size).toBe(0);
  });

  it("keeps an acknowledged annotation that a snapshot taken before it does not hold", () => {
    let view = addPending(applyAll(emptyView, [snapshot(1n, [])]), draft);
    view = acknowledge(view, annotation("mine", 3n));

    view = applyEvent(view, snapshot(2n, [annotation("other", 2n)])).view;

    expect(ids(view)).toEqual(["other", "mine"]);
    view = applyEvent(view, added(3n, "mine")).view;
    expect(ids(view)).toEqual(["other", "mine"]);
  });

  it("records retries and failures, and forgets nothing it was not told to", () => {
    let view = addPending(emptyView, draft);

    view = updatePending(view, "mine", { state: "retrying", attempts: 2, problem: "The service is briefly unavailable." });

    expect(view.pending.get("mine")).toMatchObject({ state: "retrying", attempts: 2, annotationId: "mine" });
    expect(updatePending(view, "unknown", { state: "failed" })).toBe(view);
  });
});
