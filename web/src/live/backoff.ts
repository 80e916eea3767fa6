// Waiting between attempts: exponential with full jitter, so that a classroom of browsers that lost the gateway at
// the same moment does not come back at the same moment.

export interface Backoff {
  /** Delay before the first retry, in ms. */
  firstDelayMs: number;
  /** Longest delay, in ms: how long an add can sit unsent after the connection returns. */
  maxDelayMs: number;
}

export const defaultBackoff: Backoff = { firstDelayMs: 250, maxDelayMs: 4000 };

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or early when `wake` fires (the browser is back online), or rejects when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal, wake?: EventTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", aborted);
      wake?.removeEventListener("online", done);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      wake?.removeEventListener("online", done);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", aborted, { once: true });
    wake?.addEventListener("online", done, { once: true });
  });
}
