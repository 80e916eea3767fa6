// How often a class page reads its roster again, so the teacher sees a student accept an invitation or join with the
// code without reloading. Pure, so that it is tested without a browser.
import { RosterState, type RosterEntry } from "../gen/actors/v1/classes_pb";

/** While someone is invited or a change is being carried out: soon. */
export const pendingRefreshMs = 2_000;

/** Otherwise (a student may still join with the code at any time): now and then. */
export const quietRefreshMs = 10_000;

const pending = new Set([RosterState.INVITING, RosterState.INVITED, RosterState.JOINING, RosterState.LEAVING]);

export function rosterRefreshMs(entries: readonly Pick<RosterEntry, "state">[]): number {
  return entries.some((e) => pending.has(e.state)) ? pendingRefreshMs : quietRefreshMs;
}

/** What of a roster the class page's counts depend on: who is on it, in which state. */
export function rosterSignature(entries: readonly Pick<RosterEntry, "studentId" | "state">[]): string {
  return entries.map((e) => `${e.studentId}:${e.state}`).join(",");
}
