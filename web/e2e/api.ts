// The API from the test process (Node's fetch speaks gRPC-Web like the browser), for setting up what would take
// a person too long by hand: a document with 2,000 annotations. Tokens come from the development sign-in, the way
// the browser gets them.
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { DocumentService } from "../src/gen/actors/v1/documents_pb";
import { ClassService } from "../src/gen/actors/v1/classes_pb";

export async function tokenFor(baseUrl: string, userId: string, role: string, school = "demo-school"): Promise<string> {
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

export function apiAs(baseUrl: string, token: string): { documents: Client<typeof DocumentService>; classes: Client<typeof ClassService> } {
  const transport = createGrpcWebTransport({
    baseUrl,
    interceptors: [(next) => (request) => { request.header.set("authorization", `Bearer ${token}`); return next(request); }],
  });
  return { documents: createClient(DocumentService, transport), classes: createClient(ClassService, transport) };
}
