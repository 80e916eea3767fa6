// The four API services over gRPC-Web on this page's own origin (the gateway serves the app and the API on one
// port in production; Vite passes the API through in development), each call carrying the tab's bearer token.
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ClassService } from "../gen/actors/v1/classes_pb";
import { DocumentService } from "../gen/actors/v1/documents_pb";
import { SchoolService } from "../gen/actors/v1/schools_pb";
import { StudentService } from "../gen/actors/v1/students_pb";
import { loadSession } from "../auth/session";
import type { LiveDocumentApi } from "../live/liveDocument";

/** How long a unary call may take before the app says so (the gateway retries a lost silo well within this). */
const unaryTimeoutMs = 15_000;

const bearer: Interceptor = (next) => async (request) => {
  const session = loadSession();
  if (session) request.header.set("authorization", `Bearer ${session.token}`);
  return next(request);
};

const transport = createGrpcWebTransport({
  baseUrl: typeof window === "undefined" ? "http://127.0.0.1" : window.location.origin,
  interceptors: [bearer],
  defaultTimeoutMs: unaryTimeoutMs,
});

export const students = createClient(StudentService, transport);
export const classes = createClient(ClassService, transport);
export const documents = createClient(DocumentService, transport);
export const schools = createClient(SchoolService, transport);

export const liveDocumentApi: LiveDocumentApi = {
  // A watch lasts as long as the page: no deadline.
  watch: (documentId, afterSequence, signal) => documents.watchAnnotations({ documentId, afterSequence }, { signal, timeoutMs: 0 }),
  add: (request, signal) => documents.addAnnotation(request, { signal }),
};

/** A client-generated id for a create (docs/api.md): made once, reused on every retry of the same create. */
export function newId(): string {
  return crypto.randomUUID();
}
