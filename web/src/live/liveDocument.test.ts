import { afterEach, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { AnnotationSchema, type Annotation, type AnnotationBody, type AnnotationEvent } from "../gen/actors/v1/documents_pb";
import { LiveDocument, type LiveDocumentApi } from "./liveDocument";
import { added, comment, snapshot } from "./testEvents";

/** A document service in memory: sequence numbers, snapshots, resumes, and failures on demand. */
class FakeDocumentService implements LiveDocumentApi {
  readonly changes: AnnotationEvent[] = [];
  readonly watchesAfter: Array<bigint | undefined> = [];
  readonly addAttempts: string[] = [];
  /** The current watch fails with UNAVAILABLE after sending this many more messages. */
  breakAfter: number | undefined;
  failAdds = 0;
  addError: ConnectError = new ConnectError("silo lost", Code.Unavailable);
  watchError: ConnectError | undefined;
  private wake: () => void = () => {};

  get sequence(): bigint {
    return BigInt(this.changes.length);
  }

  append(id: string): void {
    this.changes.push(added(this.sequence + 1n, id));
    this.wake();
  }

  async *watch(_documentId: string, after: bigint | undefined, signal: AbortSignal): AsyncIterable<AnnotationEvent> {
    this.watchesAfter.push(after);
    if (this.watchError) throw this.watchError;
    let next: bigint;
    const send = () => {
      if (this.breakAfter === undefined) return;
      if (this.breakAfter-- === 0) {
        this.breakAfter = undefined;
        throw new ConnectError("stream broken", Code.Unavailable);
      }
    };
    if (after === undefined) {
      send();
      const at = this.sequence;
      yield snapshot(at, this.changes.map((c) => c.annotation!));
      next = at + 1n;
    } else {
      next = after + 1n;
    }
    while (!signal.aborted) {
      while (next <= this.sequence) {
        send();
        yield this.changes[Number(next) - 1];
        next++;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
    // As fetch does: a cancelled response ends with an error.
    throw new ConnectError("aborted", Code.Canceled);
  }

  async add(request: { annotationId: string; page: number; body: AnnotationBody }): Promise<Annotation> {
    this.addAttempts.push(request.annotationId);
    if (this.failAdds > 0) {
      this.failAdds--;
      throw this.addError;
    }
    const existing = this.changes.find((c) => c.annotationId === request.annotationId);
    if (!existing) this.append(request.annotationId);
    const event = this.changes.find((c) => c.annotationId === request.annotationId)!;
    return create(AnnotationSchema, { ...event.annotation!, page: request.page });
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const stores: LiveDocument[] = [];
function open(service: FakeDocumentService, ids: string[] = [], wake?: EventTarget, backoff = { firstDelayMs: 1, maxDelayMs: 4 }): LiveDocument {
  let n = 0;
  const store = new LiveDocument(service, "doc-1", "s1", { backoff, wake, newId: () => ids[n++] ?? `id-${n}` });
  stores.push(store);
  void store.start();
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

const shown = (store: LiveDocument) => store.getSnapshot().view.annotations.map((a) => a.annotationId);

describe("a live document", () => {
  it("starts with a snapshot, then shows changes as they happen", async () => {
    const service = new FakeDocumentService();
    service.append("a");
    const store = open(service);
    await until(() => store.getSnapshot().connection.state === "live", "live");

    service.append("b");
    service.append("c");
    await until(() => shown(store).length === 3, "three annotations");

    expect(shown(store)).toEqual(["a", "b", "c"]);
    expect(service.watchesAfter).toEqual([undefined]);
  });

  it("resumes a broken stream from the last sequence it holds, with nothing missed or shown twice", async () => {
    const service = new FakeDocumentService();
    const store = open(service);
    await until(() => store.getSnapshot().connection.state === "live", "live");
    service.append("a");
    service.append("b");
    await until(() => shown(store).length === 2, "two annotations");

    service.breakAfter = 1;
    service.append("c");
    service.append("d");
    service.append("e");
    await until(() => shown(store).length === 5, "five annotations");

    expect(shown(store)).toEqual(["a", "b", "c", "d", "e"]);
    expect(store.getSnapshot().view.sequence).toBe(5n);
    // Resumed after "c" (sequence 3) minus one: the repeat of "c" proves the stream is live and is dropped.
    expect(service.watchesAfter).toEqual([undefined, 2n]);
    // The snapshot and each change once.
    expect(store.getSnapshot().eventsApplied).toBe(6);
  });

  it("says it is reconnecting while the gateway cannot be reached, then goes live again", async () => {
    const service = new FakeDocumentService();
    service.append("a");
    service.watchError = new ConnectError("Failed to fetch", Code.Unknown);
    const store = open(service);
    await until(() => store.getSnapshot().connection.state === "reconnecting", "reconnecting");

    expect(store.getSnapshot().connection).toMatchObject({ state: "reconnecting", problem: { title: "The service could not be reached." } });
    service.watchError = undefined;
    await until(() => store.getSnapshot().connection.state === "live", "live again");
    expect(shown(store)).toEqual(["a"]);
  });

  it("ends the stream when the browser goes offline and resumes from its sequence as soon as it is back", async () => {
    const service = new FakeDocumentService();
    const network = new EventTarget();
    // Long waits between attempts: only "online" can bring the store back within the test's time.
    const store = open(service, [], network, { firstDelayMs: 60_000, maxDelayMs: 60_000 });
    service.append("a");
    await until(() => shown(store).length === 1, "one annotation");

    network.dispatchEvent(new Event("offline"));
    await until(() => store.getSnapshot().connection.state === "reconnecting", "reconnecting");
    expect(store.getSnapshot().connection).toMatchObject({ problem: { title: "The service could not be reached." } });
    service.append("b");
    service.append("c");
    network.dispatchEvent(new Event("online"));
    await until(() => shown(store).length === 3, "three annotations");

    expect(shown(store)).toEqual(["a", "b", "c"]);
    expect(service.watchesAfter).toEqual([undefined, 0n]);
    expect(store.getSnapshot().connection.state).toBe("live");
  });

  it("shows not found, and stops, when the document cannot be read", async () => {
    const service = new FakeDocumentService();
    service.watchError = new ConnectError("no access", Code.PermissionDenied);
    const store = open(service);

    await until(() => store.getSnapshot().connection.state === "closed", "closed");

    expect(store.getSnapshot().connection).toMatchObject({ state: "closed", notFound: true });
    expect(service.watchesAfter.length).toBe(1);
  });
});

describe("adding while the gateway is unreachable", () => {
  it("shows the add as pending and retries it with the same id until acknowledged", async () => {
    const service = new FakeDocumentService();
    const store = open(service, ["mine"]);
    await until(() => store.getSnapshot().connection.state === "live", "live");
    service.failAdds = 2;

    store.add(1, comment("hello"));
    expect(store.getSnapshot().view.pending.get("mine")?.state).toBe("sending");
    await until(() => store.getSnapshot().view.pending.size === 0, "acknowledged");

    expect(service.addAttempts).toEqual(["mine", "mine", "mine"]);
    expect(shown(store)).toEqual(["mine"]);
    expect(service.changes.length).toBe(1);
  });

  it("marks an add the gateway refuses as failed, in words, and sends it again with its id on request", async () => {
    const service = new FakeDocumentService();
    const store = open(service, ["mine"]);
    service.failAdds = 1;
    service.addError = new ConnectError("no", Code.PermissionDenied);

    store.add(1, comment("hello"));
    await until(() => store.getSnapshot().view.pending.get("mine")?.state === "failed", "failed");
    expect(store.getSnapshot().view.pending.get("mine")?.problem).toMatch(/You do not have access/);

    store.retry("mine");
    await until(() => store.getSnapshot().view.pending.size === 0, "acknowledged");
    expect(service.addAttempts).toEqual(["mine", "mine"]);
  });
});
