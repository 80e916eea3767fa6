// One open document: its annotations kept live from the gateway's watch stream, and the adds made on this page
// sent until acknowledged. Plain TypeScript (React reads it through useSyncExternalStore), so the resume and retry
// rules are tested with a fake API.
//
// Watching: the first watch asks for a snapshot. After a break (gateway restart, network loss, the server ending a
// long stream) the next watch resumes from the view's sequence minus one: the server then replays the last change
// the view already holds, which the sequence rule drops as a repeat, and that first message shows at once that the
// stream is live again (the gateway sends nothing on a quiet document otherwise). The view never shows a change
// twice and never skips one: a sequence beyond the next makes the store resume from what it holds.
//
// Adding: the annotation id is made here, once, before the first attempt, and every retry sends the same id, so a
// retry after a lost answer never makes a second annotation (the gateway answers a repeat with the stored one).
import { Code, ConnectError } from "@connectrpc/connect";
import type { Annotation, AnnotationBody, AnnotationEvent } from "../gen/actors/v1/documents_pb";
import { describeError, isNotFound, isUnauthenticated, type ErrorDescription } from "../api/errors";
import { acknowledge, addPending, applyEvent, discardPending, emptyView, updatePending, type AnnotationView } from "./annotationView";
import { backoffDelay, defaultBackoff, pause, type Backoff } from "./backoff";

/** What the store needs from the DocumentService (the real one in api/clients.ts). */
export interface LiveDocumentApi {
  watch(documentId: string, afterSequence: bigint | undefined, signal: AbortSignal): AsyncIterable<AnnotationEvent>;
  add(request: { documentId: string; annotationId: string; page: number; body: AnnotationBody }, signal: AbortSignal): Promise<Annotation>;
}

export type ConnectionState =
  | { state: "connecting" }
  | { state: "live" }
  | { state: "reconnecting"; problem: ErrorDescription; attempt: number }
  /** The watch cannot go on: the document is not there for this user, or the sign-in ended. */
  | { state: "closed"; problem: ErrorDescription; notFound: boolean };

export interface LiveDocumentState {
  view: AnnotationView;
  connection: ConnectionState;
  /** Events applied since the page opened (for the live counter and the tests). */
  eventsApplied: number;
}

export interface LiveDocumentOptions {
  backoff?: Backoff;
  /** Fires "online" when the browser regains its network (waiting retries go at once) and "offline" when it loses it. */
  wake?: EventTarget;
  newId?: () => string;
}

export class LiveDocument {
  private state: LiveDocumentState = { view: emptyView, connection: { state: "connecting" }, eventsApplied: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly stopped = new AbortController();
  private readonly backoff: Backoff;
  private readonly newId: () => string;
  private started = false;

  constructor(
    private readonly api: LiveDocumentApi,
    readonly documentId: string,
    readonly authorId: string,
    private readonly options: LiveDocumentOptions = {},
  ) {
    this.backoff = options.backoff ?? defaultBackoff;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveDocumentState => this.state;

  /** Starts watching; returns a promise that settles when the watch ends for good (stop, not found, signed out). */
  start(): Promise<void> {
    if (this.started) throw new Error("already started");
    this.started = true;
    return this.watchLoop();
  }

  stop(): void {
    this.stopped.abort(new ConnectError("page closed", Code.Canceled));
  }

  /** Adds an annotation: shown as pending at once, sent (and retried) until acknowledged. Returns its id. */
  add(page: number, body: AnnotationBody): string {
    const annotationId = this.newId();
    this.update({ view: addPending(this.state.view, { annotationId, authorId: this.authorId, page, body }) });
    void this.send(annotationId);
    return annotationId;
  }

  /** Sends a failed add again, with its id. */
  retry(annotationId: string): void {
    const pending = this.state.view.pending.get(annotationId);
    if (!pending || pending.state !== "failed") return;
    this.update({ view: updatePending(this.state.view, annotationId, { state: "sending", problem: undefined }) });
    void this.send(annotationId);
  }

  discard(annotationId: string): void {
    this.update({ view: discardPending(this.state.view, annotationId) });
  }

  private async watchLoop(): Promise<void> {
    let failures = 0;
    // The browser going offline ends the stream at once: an open response can otherwise sit on a dead connection
    // for minutes, showing "live" while nothing arrives. Coming back online ends the wait before the next attempt.
    let attempt = new AbortController();
    let wentOffline = false;
    const offline = () => {
      wentOffline = true;
      attempt.abort();
    };
    this.options.wake?.addEventListener("offline", offline);
    this.stopped.signal.addEventListener("abort", () => this.options.wake?.removeEventListener("offline", offline), { once: true });
    while (!this.stopped.signal.aborted) {
      attempt = new AbortController();
      wentOffline = false;
      const stopAttempt = () => attempt.abort(this.stopped.signal.reason);
      this.stopped.signal.addEventListener("abort", stopAttempt, { once: true });
      const held = this.state.view.sequence;
      const after = held !== undefined && held > 0n ? held - 1n : undefined;
      let progressed = false;
      try {
        for await (const event of this.api.watch(this.documentId, after, attempt.signal)) {
          const { view, outcome } = applyEvent(this.state.view, event);
          if (outcome === "gap") {
            // Something was missed: resume from what the view holds.
            break;
          }
          progressed = true;
          failures = 0;
          this.update({
            view,
            connection: { state: "live" },
            eventsApplied: this.state.eventsApplied + (outcome === "applied" ? 1 : 0),
          });
        }
        if (wentOffline) throw new ConnectError("the browser is offline", Code.Unknown);
        // The stream ended (the server closes long streams) or skipped ahead: resume, at once if it had carried
        // something, else after a pause (a stream that keeps ending empty must not become a busy loop).
        if (!progressed && !(await this.pauseAfterFailure(failures++))) break;
      } catch (caught) {
        if (this.stopped.signal.aborted) break;
        const error = wentOffline ? new ConnectError("the browser is offline", Code.Unknown) : caught;
        const problem = describeError(error);
        if (isNotFound(error) || isUnauthenticated(error)) {
          this.update({ connection: { state: "closed", problem, notFound: isNotFound(error) } });
          break;
        }
        this.update({ connection: { state: "reconnecting", problem, attempt: failures + 1 } });
        if (!(await this.pauseAfterFailure(failures++))) break;
      } finally {
        this.stopped.signal.removeEventListener("abort", stopAttempt);
        attempt.abort();
      }
    }
  }

  /** Waits before the next attempt; false when the store was stopped meanwhile. */
  private async pauseAfterFailure(failures: number): Promise<boolean> {
    try {
      await pause(backoffDelay(this.backoff, failures), this.stopped.signal, this.options.wake);
      return true;
    } catch {
      return false;
    }
  }

  private async send(annotationId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const pending = this.state.view.pending.get(annotationId);
      // Acknowledged by the stream meanwhile, or discarded.
      if (!pending || this.stopped.signal.aborted) return;
      try {
        const annotation = await this.api.add(
          { documentId: this.documentId, annotationId, page: pending.page, body: pending.body },
          this.stopped.signal,
        );
        this.update({ view: acknowledge(this.state.view, annotation) });
        return;
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        const problem = describeError(error);
        const words = problem.detail ? `${problem.title} ${problem.detail}` : problem.title;
        if (!problem.transient) {
          this.update({ view: updatePending(this.state.view, annotationId, { state: "failed", attempts: attempt + 1, problem: words }) });
          return;
        }
        this.update({ view: updatePending(this.state.view, annotationId, { state: "retrying", attempts: attempt + 1, problem: words }) });
        if (!(await this.pauseAfterFailure(attempt))) return;
      }
    }
  }

  private update(change: Partial<LiveDocumentState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
