import { describe, expect, it } from "vitest";
import { completeSignIn, homePath, loadSession, parseToken, signInAddress } from "./session";

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

function token(claims: Record<string, unknown>): string {
  const encode = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.signature`;
}

const now = Date.UTC(2026, 0, 1);
const exp = now / 1000 + 3600;

describe("the session", () => {
  it("lands each role on its own pages: school administrators on the school's", () => {
    const as = (role: string) => homePath(parseToken(token({ sub: "u", role, school: "kowhai", exp }))!);
    expect([as("student"), as("teacher"), as("school_admin")]).toEqual(["/student", "/teacher", "/school"]);
  });

  it("reads user, role and school from the token", () => {
    expect(parseToken(token({ sub: "s1", role: "student", school: "north", exp }))).toMatchObject({ userId: "s1", role: "student", school: "north", expiresAt: exp * 1000 });
    expect(parseToken("not-a-token")).toBeUndefined();
    expect(parseToken(token({ role: "student", exp }))).toBeUndefined();
  });

  it("takes the token from the redirect it asked for, and keeps it in session storage only", () => {
    const storage = new MemoryStorage();
    const address = signInAddress("/student/goals", storage, () => "abc");
    expect(address).toBe("/dev/sign-in?redirect_uri=%2Fsigned-in&state=abc");

    const result = completeSignIn(`#access_token=${token({ sub: "s1", role: "student", exp })}&token_type=Bearer&state=abc`, storage, now);

    expect(result).toMatchObject({ returnTo: "/student/goals", session: { userId: "s1" } });
    expect(loadSession(storage, now)?.userId).toBe("s1");
  });

  it("refuses a redirect with another state (a link someone else made)", () => {
    const storage = new MemoryStorage();
    signInAddress("/", storage, () => "abc");

    const result = completeSignIn(`#access_token=${token({ sub: "intruder", role: "teacher", exp })}&state=evil`, storage, now);

    expect(result).toHaveProperty("error");
    expect(loadSession(storage, now)).toBeUndefined();
  });

  it("forgets an expired token", () => {
    const storage = new MemoryStorage();
    signInAddress("/", storage, () => "abc");
    completeSignIn(`#access_token=${token({ sub: "s1", role: "student", exp })}&state=abc`, storage, now);

    expect(loadSession(storage, exp * 1000 + 1)).toBeUndefined();
  });

  it("never returns to an address on another site", () => {
    const storage = new MemoryStorage();
    signInAddress("//evil.example/x", storage, () => "abc");

    const result = completeSignIn(`#access_token=${token({ sub: "s1", role: "student", exp })}&state=abc`, storage, now);

    expect(result).toMatchObject({ returnTo: "/" });
  });
});
