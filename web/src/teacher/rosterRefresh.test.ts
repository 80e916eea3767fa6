import { describe, expect, it } from "vitest";
import { RosterState } from "../gen/actors/v1/classes_pb";
import { pendingRefreshMs, quietRefreshMs, rosterRefreshMs, rosterSignature } from "./rosterRefresh";

describe("the class roster's refresh", () => {
  it("looks again soon while an invitation or a change is pending, now and then otherwise", () => {
    expect(rosterRefreshMs([{ state: RosterState.ACTIVE }, { state: RosterState.INVITED }])).toBe(pendingRefreshMs);
    expect(rosterRefreshMs([{ state: RosterState.JOINING }])).toBe(pendingRefreshMs);
    expect(rosterRefreshMs([{ state: RosterState.ACTIVE }])).toBe(quietRefreshMs);
    expect(rosterRefreshMs([])).toBe(quietRefreshMs);
    expect(pendingRefreshMs).toBeLessThan(quietRefreshMs);
  });

  it("tells a roster whose people or states changed from one that did not", () => {
    const before = rosterSignature([{ studentId: "s1", state: RosterState.INVITED }]);
    expect(rosterSignature([{ studentId: "s1", state: RosterState.INVITED }])).toBe(before);
    expect(rosterSignature([{ studentId: "s1", state: RosterState.ACTIVE }])).not.toBe(before);
  });
});
