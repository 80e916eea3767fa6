// The classes a teacher made or opened on this device. The API has no "classes I teach" list yet (ClassService
// reads one class by id; StudentService lists a student's classes), so the teacher's home page remembers them here.
// Ids and titles only, never a token or student data; kept per user of a school (the same user id in two schools is
// two people).

export interface KnownClass {
  classId: string;
  title: string;
}

const key = (userId: string) => `actors.classes.${userId}`;

export function knownClasses(userId: string, storage: Storage = localStorage): KnownClass[] {
  try {
    const value = JSON.parse(storage.getItem(key(userId)) ?? "[]") as unknown;
    return Array.isArray(value) ? value.filter((c): c is KnownClass => typeof c?.classId === "string" && typeof c?.title === "string") : [];
  } catch {
    return [];
  }
}

export function rememberClass(userId: string, known: KnownClass, storage: Storage = localStorage): void {
  const others = knownClasses(userId, storage).filter((c) => c.classId !== known.classId);
  storage.setItem(key(userId), JSON.stringify([known, ...others].slice(0, 100)));
}

export function forgetClass(userId: string, classId: string, storage: Storage = localStorage): void {
  storage.setItem(key(userId), JSON.stringify(knownClasses(userId, storage).filter((c) => c.classId !== classId)));
}

/** Whose list it is: the user of the session's school. */
export function listOwner(session: { school?: string; userId: string } | undefined): string {
  return session ? `${session.school ?? ""}/${session.userId}` : "";
}
