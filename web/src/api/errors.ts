// Every gRPC status the gateway answers with (docs/api.md, Errors), in words a student or teacher can act on.
// Nothing here shows a stack trace or an exception type: the gateway sends none, and a transport failure is
// described as what it means to the user (the service cannot be reached), not as what the browser said.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb";

export interface FieldProblem {
  /** The request field path, e.g. "profile.year_level". */
  field: string;
  /** A label for people, e.g. "Year level". */
  label: string;
  description: string;
}

export interface ErrorDescription {
  code: Code;
  /** One sentence: what happened. */
  title: string;
  /** What to do, or what the server said about the conflict. */
  detail?: string;
  /** INVALID_ARGUMENT: one entry per rejected field. */
  fields: FieldProblem[];
  /** Whether repeating the same call may succeed (the app retries such calls by itself where they are idempotent). */
  transient: boolean;
}

const words: Record<Code, { title: string; detail?: string; transient: boolean; showServerMessage?: boolean }> = {
  [Code.Canceled]: { title: "The request was cancelled.", transient: false },
  [Code.Unknown]: {
    title: "The service could not be reached.",
    detail: "Check your connection; the app keeps trying.",
    transient: true,
  },
  [Code.InvalidArgument]: { title: "Some of what you entered is not valid.", detail: "Correct the fields below and try again.", transient: false },
  [Code.DeadlineExceeded]: { title: "The request took too long.", detail: "Please try again.", transient: true },
  [Code.NotFound]: { title: "Not found.", detail: "It may have been removed, or the link may be wrong.", transient: false },
  [Code.AlreadyExists]: { title: "That already exists.", transient: false, showServerMessage: true },
  [Code.PermissionDenied]: { title: "You do not have access to this.", detail: "Ask your teacher or school administrator if you think you should.", transient: false },
  [Code.ResourceExhausted]: { title: "Too much at once.", detail: "Please wait a moment and try again.", transient: true },
  [Code.FailedPrecondition]: { title: "That cannot be done right now.", transient: false, showServerMessage: true },
  [Code.Aborted]: { title: "Someone else changed this at the same moment.", detail: "Reload it and try again.", transient: true },
  [Code.OutOfRange]: { title: "That value is out of range.", transient: false, showServerMessage: true },
  [Code.Unimplemented]: { title: "This server does not offer that yet.", detail: "The app and the server may be different versions: reload the page.", transient: false },
  [Code.Internal]: { title: "Something went wrong on our side.", detail: "Please try again later.", transient: false },
  [Code.Unavailable]: { title: "The service is briefly unavailable.", detail: "The app keeps trying.", transient: true },
  [Code.DataLoss]: { title: "Something went wrong on our side.", detail: "Please try again later.", transient: false },
  [Code.Unauthenticated]: { title: "Your sign-in has expired.", detail: "Please sign in again.", transient: false },
};

/** Describes any failure of a call: a ConnectError from the gateway, or anything else thrown on the way. */
export function describeError(error: unknown): ErrorDescription {
  const connectError = ConnectError.from(error);
  const known = words[connectError.code] ?? words[Code.Unknown];
  const serverMessage = connectError.rawMessage.trim();
  return {
    code: connectError.code,
    title: known.title,
    detail: known.showServerMessage && serverMessage ? sentence(serverMessage) : known.detail,
    fields: connectError.code === Code.InvalidArgument ? fieldProblems(connectError) : [],
    transient: known.transient,
  };
}

/** Whether a call failed in a way that repeating it (with the same ids) may fix: connection loss, overload, a timeout. */
export function isTransient(error: unknown): boolean {
  return describeError(error).transient;
}

/** NOT_FOUND, or PERMISSION_DENIED on something the caller may not even know exists (see DocumentPage). */
export function isNotFound(error: unknown): boolean {
  const code = ConnectError.from(error).code;
  return code === Code.NotFound || code === Code.PermissionDenied;
}

export function isUnauthenticated(error: unknown): boolean {
  return ConnectError.from(error).code === Code.Unauthenticated;
}

function fieldProblems(error: ConnectError): FieldProblem[] {
  return error.findDetails(BadRequestSchema).flatMap((badRequest) =>
    badRequest.fieldViolations.map((v) => ({ field: v.field, label: fieldLabel(v.field), description: sentence(v.description) })),
  );
}

/** "profile.year_level" -> "Year level"; "body.ink.points[3].x" -> "Points". */
export function fieldLabel(path: string): string {
  const last = path.split(".").filter((part) => part.length > 0).pop() ?? path;
  const name = last.replace(/\[\d+\]$/, "").replace(/_/g, " ");
  return name.length === 0 ? path : name[0].toUpperCase() + name.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return trimmed;
  const capitalised = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : capitalised + ".";
}
