import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb";
import { describeError, fieldLabel, isNotFound, isTransient } from "./errors";

describe("errors in words", () => {
  it("has words of its own for every status code the gateway sends (only a conflict shows the server's text)", () => {
    const codes = [
      Code.InvalidArgument, Code.NotFound, Code.PermissionDenied, Code.Unauthenticated, Code.Aborted,
      Code.ResourceExhausted, Code.Unavailable, Code.DeadlineExceeded, Code.Canceled, Code.Internal, Code.Unknown,
    ];
    for (const code of codes) {
      const description = describeError(new ConnectError("Orleans.Runtime.SiloUnavailableException at Foo.Bar()", code));
      expect(description.title.length, Code[code]).toBeGreaterThan(5);
      expect(description.title + (description.detail ?? ""), Code[code]).not.toMatch(/Exception|at Foo/);
    }
  });

  it("shows the server's explanation of a conflict", () => {
    const description = describeError(new ConnectError("the goal 'g1' is archived", Code.FailedPrecondition));

    expect(description.title).toBe("That cannot be done right now.");
    expect(description.detail).toBe("The goal 'g1' is archived.");
  });

  it("lists each rejected field with a readable label", () => {
    const details = [{ desc: BadRequestSchema, value: create(BadRequestSchema, { fieldViolations: [{ field: "profile.year_level", description: "must be 1 to 13" }] }) }];
    const error = new ConnectError("invalid", Code.InvalidArgument, undefined, details);

    const description = describeError(error);

    expect(description.fields).toEqual([{ field: "profile.year_level", label: "Year level", description: "Must be 1 to 13." }]);
  });

  it("treats a failed fetch (the gateway unreachable) as a connection problem worth retrying", () => {
    const error = ConnectError.from(new TypeError("Failed to fetch"));

    expect(isTransient(error)).toBe(true);
    expect(describeError(error).title).toBe("The service could not be reached.");
  });

  it("retries what may succeed later and nothing else", () => {
    expect(isTransient(new ConnectError("", Code.Unavailable))).toBe(true);
    expect(isTransient(new ConnectError("", Code.ResourceExhausted))).toBe(true);
    expect(isTransient(new ConnectError("", Code.InvalidArgument))).toBe(false);
    expect(isTransient(new ConnectError("", Code.PermissionDenied))).toBe(false);
  });

  it("shows a document the caller may not read as not found", () => {
    expect(isNotFound(new ConnectError("", Code.NotFound))).toBe(true);
    expect(isNotFound(new ConnectError("", Code.PermissionDenied))).toBe(true);
    expect(isNotFound(new ConnectError("", Code.Unavailable))).toBe(false);
  });

  it("turns field paths into labels", () => {
    expect(fieldLabel("body.ink.points[3]")).toBe("Points");
    expect(fieldLabel("title")).toBe("Title");
  });
});
