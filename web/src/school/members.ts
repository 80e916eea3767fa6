// The school roster as the administrator's page shows it: words for roles and states, and the teachers a class can
// be created for. Pure, so that it is tested without a browser.
import { MemberState, SchoolRole, type Member } from "../gen/actors/v1/schools_pb";

export const roleWords: Record<SchoolRole, string> = {
  [SchoolRole.UNSPECIFIED]: "Unknown",
  [SchoolRole.STUDENT]: "Student",
  [SchoolRole.TEACHER]: "Teacher",
};

export const memberStateWords: Record<MemberState, string> = {
  [MemberState.UNSPECIFIED]: "Unknown",
  [MemberState.ADDING]: "Being added",
  [MemberState.ACTIVE]: "Active",
};

/** The role filter's and the add form's choices: the select's value for each role ("" lists everyone). */
export const roleChoices: readonly { value: string; role: SchoolRole; label: string }[] = [
  { value: "student", role: SchoolRole.STUDENT, label: "Student" },
  { value: "teacher", role: SchoolRole.TEACHER, label: "Teacher" },
];

/** The role a select's value names; UNSPECIFIED (everyone) for anything else. */
export function roleOf(value: string): SchoolRole {
  return roleChoices.find((c) => c.value === value)?.role ?? SchoolRole.UNSPECIFIED;
}

/** How a member is named in a choice: "Name (id)", or the id alone when the name is empty or the id itself. */
export function memberLabel(member: Pick<Member, "userId" | "displayName">): string {
  const name = member.displayName.trim();
  return name === "" || name === member.userId ? member.userId : `${name} (${member.userId})`;
}

/** The teachers among `members`, by name then id (the order a person looks for one in). */
export function teacherChoices(members: readonly Member[]): { userId: string; label: string }[] {
  return members
    .filter((m) => m.role === SchoolRole.TEACHER)
    .map((m) => ({ userId: m.userId, label: memberLabel(m) }))
    .sort((a, b) => a.label.localeCompare(b.label) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
