// The API from the test process (Node's fetch speaks gRPC-Web like the browser), for setting up what would take
// a person too long by hand: a school's roster, a document with 2,000 annotations. Tokens come from the development
// sign-in, the way the browser gets them.
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { DocumentService } from "../src/gen/actors/v1/documents_pb";
import { ClassService } from "../src/gen/actors/v1/classes_pb";
import { SchoolRole, SchoolService } from "../src/gen/actors/v1/schools_pb";

/** The people of the browser tests, all in one school of the tests' own (globalSetup rosters them). */
export const e2eUsers = {
  "t.rivera": "teacher",
  "t.okafor": "teacher",
  "s.aroha": "student",
  "s.ben": "student",
  "s.chloe": "student",
  "s.dev": "student",
  // The school's administrator: not rostered (the token says what they are).
  admin: "school_admin",
} as const;

export type E2eUser = keyof typeof e2eUsers;

export async function tokenFor(baseUrl: string, school: string, userId: string, role: string): Promise<string> {
  const response = await fetch(`${baseUrl}/dev/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user: userId, role, school, redirect_uri: "/signed-in", state: "e2e" }),
  });
  const location = response.headers.get("location") ?? "";
  const token = new URLSearchParams(location.split("#")[1] ?? "").get("access_token");
  if (!token) throw new Error(`the development sign-in gave no token (HTTP ${response.status}, location '${location}')`);
  return token;
}

export function apiAs(baseUrl: string, token: string): { documents: Client<typeof DocumentService>; classes: Client<typeof ClassService>; schools: Client<typeof SchoolService> } {
  const transport = createGrpcWebTransport({
    baseUrl,
    interceptors: [(next) => (request) => { request.header.set("authorization", `Bearer ${token}`); return next(request); }],
  });
  return { documents: createClient(DocumentService, transport), classes: createClient(ClassService, transport), schools: createClient(SchoolService, transport) };
}

/** A user of the tests' school, signed in through the development sign-in. */
export async function e2eApi(baseUrl: string, school: string, userId: E2eUser) {
  return apiAs(baseUrl, await tokenFor(baseUrl, school, userId, e2eUsers[userId]));
}

/** Rosters the tests' people in `school` as its administrator would (a user must be on the roster before use). */
export async function rosterSchool(baseUrl: string, school: string): Promise<void> {
  const { schools } = apiAs(baseUrl, await tokenFor(baseUrl, school, "admin", "school_admin"));
  for (const [userId, role] of Object.entries(e2eUsers)) {
    if (role === "school_admin") continue;
    await schools.addMember({ userId, role: role === "teacher" ? SchoolRole.TEACHER : SchoolRole.STUDENT, displayName: userId });
  }
}
