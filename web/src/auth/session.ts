// The signed-in user: a bearer token from the identity provider's redirect, kept for this browser tab only
// (sessionStorage: gone when the tab closes, never shared with other tabs, never in localStorage), and the claims
// the app routes by. The token is not verified here (the gateway does that on every call); the claims only choose
// which pages to show.
//
// Sign-in follows the shape of an OAuth 2.0 implicit-grant redirect: the app sends the browser to the sign-in page
// with `redirect_uri` and a random `state`; the page sends it back to `redirect_uri#access_token=…&state=…`. Only the
// address of the sign-in page is specific to the development sign-in (VITE_SIGN_IN_URL); a school's identity
// provider takes its place in production.

export type Role = "student" | "teacher" | "admin" | "school_admin" | "operator";

export interface Session {
  token: string;
  userId: string;
  role: Role;
  /** The school claim (tenancy); absent on tokens that do not carry one. */
  school?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const sessionKey = "actors.session.token";
const pendingKey = "actors.session.pending";
export const signInUrl: string = import.meta.env?.VITE_SIGN_IN_URL ?? "/dev/sign-in";
export const signedInPath = "/signed-in";

/** Reads the claims of a JWT (no signature check: the gateway checks it). Undefined if it is not a usable token. */
export function parseToken(token: string): Session | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const json = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
    const { sub, role, school, exp } = json;
    if (typeof sub !== "string" || typeof role !== "string" || typeof exp !== "number") return undefined;
    return { token, userId: sub, role: role as Role, school: typeof school === "string" ? school : undefined, expiresAt: exp * 1000 };
  } catch {
    return undefined;
  }
}

function decodeBase64Url(value: string): string {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(value.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The session of this tab, if it has one that has not expired. */
export function loadSession(storage: Storage = sessionStorage, now: number = Date.now()): Session | undefined {
  const token = storage.getItem(sessionKey);
  const session = token ? parseToken(token) : undefined;
  if (!session || session.expiresAt <= now) {
    storage.removeItem(sessionKey);
    return undefined;
  }
  return session;
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(sessionKey);
}

/** The address to send the browser to for signing in; remembers `state` and where to come back to. */
export function signInAddress(returnTo: string, storage: Storage = sessionStorage, random: () => string = randomState): string {
  const state = random();
  storage.setItem(pendingKey, JSON.stringify({ state, returnTo }));
  const params = new URLSearchParams({ redirect_uri: signedInPath, state });
  return `${signInUrl}?${params.toString()}`;
}

/**
 * Takes the token from the redirect's fragment. Refuses a redirect this tab did not ask for (its `state` differs),
 * so a link crafted by someone else cannot sign this tab in as another user.
 */
export function completeSignIn(fragment: string, storage: Storage = sessionStorage, now: number = Date.now()): { session: Session; returnTo: string } | { error: string } {
  const params = new URLSearchParams(fragment.startsWith("#") ? fragment.slice(1) : fragment);
  const pending = storage.getItem(pendingKey);
  storage.removeItem(pendingKey);
  const expected = pending ? (JSON.parse(pending) as { state: string; returnTo: string }) : undefined;
  if (params.get("error")) return { error: `The sign-in page said: ${params.get("error_description") ?? params.get("error")}` };
  if (!expected || params.get("state") !== expected.state) return { error: "This sign-in was not started from this tab. Please sign in again." };
  const token = params.get("access_token");
  const session = token ? parseToken(token) : undefined;
  if (!session) return { error: "The sign-in did not return a usable token. Please sign in again." };
  if (session.expiresAt <= now) return { error: "The sign-in returned a token that has already expired. Check this computer's clock and sign in again." };
  storage.setItem(sessionKey, session.token);
  return { session, returnTo: safeReturnPath(expected.returnTo) };
}

function safeReturnPath(path: string): string {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith(signedInPath) ? path : "/";
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The page a user lands on after signing in. */
export function homePath(session: Session): string {
  if (session.role === "student") return "/student";
  return session.role === "school_admin" || session.role === "admin" ? "/school" : "/teacher";
}
