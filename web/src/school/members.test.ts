import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { MemberSchema, SchoolRole } from "../gen/actors/v1/schools_pb";
import { memberLabel, roleOf, teacherChoices } from "./members";

const member = (userId: string, role: SchoolRole, displayName = "") => create(MemberSchema, { userId, role, displayName });

describe("the school roster's view logic", () => {
  it("names a member by name and id, or by the id alone", () => {
    expect(memberLabel(member("t-1", SchoolRole.TEACHER, "Mere Parata"))).toBe("Mere Parata (t-1)");
    expect(memberLabel(member("t-1", SchoolRole.TEACHER, "  "))).toBe("t-1");
    expect(memberLabel(member("t-1", SchoolRole.TEACHER, "t-1"))).toBe("t-1");
  });

  it("offers only teachers for a new class, by name then id", () => {
    const choices = teacherChoices([
      member("s-1", SchoolRole.STUDENT, "Aroha"),
      member("t-2", SchoolRole.TEACHER, "James Wilson"),
      member("t-1", SchoolRole.TEACHER, "Emma Brown"),
      member("t-3", SchoolRole.TEACHER, "James Wilson"),
    ]);
    expect(choices.map((c) => c.userId)).toEqual(["t-1", "t-2", "t-3"]);
    expect(choices[0].label).toBe("Emma Brown (t-1)");
  });

  it("reads the role a select names, everyone for anything else", () => {
    expect(roleOf("student")).toBe(SchoolRole.STUDENT);
    expect(roleOf("teacher")).toBe(SchoolRole.TEACHER);
    expect(roleOf("")).toBe(SchoolRole.UNSPECIFIED);
    expect(roleOf("school_admin")).toBe(SchoolRole.UNSPECIFIED);
  });
});
