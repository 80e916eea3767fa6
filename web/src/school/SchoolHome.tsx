import { useState, type FormEvent } from "react";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useNavigate } from "react-router-dom";
import { classes, newId, schools } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction, useLoad } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import type { Member } from "../gen/actors/v1/schools_pb";
import { SchoolRole } from "../gen/actors/v1/schools_pb";
import { readAll } from "../paging/paging";
import { TeacherClassList } from "../teacher/TeacherClassList";
import { memberStateWords, roleChoices, roleOf, roleWords, teacherChoices } from "./members";

/**
 * A school administrator's page: who is on the school's roster (SchoolService), rostering a student or teacher,
 * creating a class for a teacher, and any teacher's classes (each opens the class page, which admins manage too).
 */
export function SchoolHome() {
  const { session } = useSession();
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  // Every teacher (a school has tens, not thousands): the choices of the two forms that name one.
  const teachers = useLoad(
    (signal) => readAll((pageToken, pageSize) => schools.listMembers({ role: SchoolRole.TEACHER, pageToken, pageSize }, { signal }).then((r) => ({ items: r.members, nextPageToken: r.nextPageToken })), { signal, limit: 2_000 }),
    [changes],
  );
  const choices = teacherChoices(teachers.data ?? []);
  return (
    <>
      <h1>School {session?.school ?? ""}</h1>
      <AddMember onAdded={changed} />
      <Members reloadKey={changes} />
      <ErrorMessage error={teachers.error} onRetry={teachers.reload} />
      <CreateClassFor teachers={choices} />
      <TeachersClasses teachers={choices} />
    </>
  );
}

function Members({ reloadKey }: { reloadKey: number }) {
  const [filter, setFilter] = useState("");
  const members = usePagedList<Member>(
    async (pageToken, pageSize, signal) => {
      const r = await schools.listMembers({ role: roleOf(filter), pageToken, pageSize }, { signal });
      return { items: r.members, nextPageToken: r.nextPageToken };
    },
    (m) => m.userId,
    [filter, reloadKey],
  );
  return (
    <section aria-labelledby="members">
      <h2 id="members">Members</h2>
      <p className="inline-form">
        <label htmlFor="member-filter">Show</label>
        <select id="member-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="">Students and teachers</option>
          {roleChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}s
            </option>
          ))}
        </select>
      </p>
      <ErrorMessage error={members.error} onRetry={members.reload} />
      {members.items.length === 0 && !members.loading ? (
        <p>No one on the roster yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">The school's students and teachers</caption>
          <thead>
            <tr>
              <th scope="col">User id</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {members.items.map((m) => (
              <tr key={m.userId} data-member={m.userId}>
                <td>{m.userId}</td>
                <td>{m.displayName}</td>
                <td>{roleWords[m.role]}</td>
                <td>{memberStateWords[m.state]}</td>
                <td>{m.addTime ? timestampDate(m.addTime).toLocaleDateString() : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members.hasMore && (
        <button type="button" onClick={members.more} disabled={members.loading}>
          Show more members
        </button>
      )}
    </section>
  );
}

function AddMember({ onAdded }: { onAdded: () => void }) {
  const [userId, setUserId] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("student");
  const [added, setAdded] = useState<string>();
  const add = useAction((id: string, displayName: string, asRole: string) => schools.addMember({ userId: id, displayName, role: roleOf(asRole) }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(undefined);
    const member = await add.run(userId.trim(), name.trim(), role);
    if (member) {
      setAdded(`${member.displayName || member.userId} is on the roster as a ${roleWords[member.role].toLowerCase()}.`);
      setUserId("");
      setName("");
      onAdded();
    }
  };
  return (
    <section aria-labelledby="add-member">
      <h2 id="add-member">Add a student or teacher</h2>
      <form onSubmit={onSubmit} className="inline-form" aria-labelledby="add-member">
        <label htmlFor="member-id">User id</label>
        <input id="member-id" value={userId} onChange={(e) => setUserId(e.target.value)} required maxLength={128} />
        <label htmlFor="member-name">Name</label>
        <input id="member-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <label htmlFor="member-role">Role</label>
        <select id="member-role" value={role} onChange={(e) => setRole(e.target.value)}>
          {roleChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={add.busy}>
          {add.busy ? "Adding…" : "Add member"}
        </button>
      </form>
      <ErrorMessage error={add.error} />
      {added && <p role="status">{added}</p>}
    </section>
  );
}

type TeacherChoice = { userId: string; label: string };

function TeacherSelect({ id, teachers, value, onChange }: { id: string; teachers: TeacherChoice[]; value: string; onChange: (v: string) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
      <option value="">Choose a teacher</option>
      {teachers.map((t) => (
        <option key={t.userId} value={t.userId}>
          {t.label}
        </option>
      ))}
    </select>
  );
}

function CreateClassFor({ teachers }: { teachers: TeacherChoice[] }) {
  const navigate = useNavigate();
  const [teacherId, setTeacherId] = useState("");
  const [title, setTitle] = useState("");
  // Made once per class being created and kept across retries: a retry never makes a second class.
  const [pendingClassId, setPendingClassId] = useState(newId);
  const create = useAction(async () => {
    const created = await classes.createClass({ classId: pendingClassId, title: title.trim(), teacherId });
    setPendingClassId(newId());
    return created;
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.run();
    if (created) navigate(`/teacher/classes/${encodeURIComponent(created.classId)}`);
  };
  return (
    <section aria-labelledby="create-class-for">
      <h2 id="create-class-for">Create a class for a teacher</h2>
      {teachers.length === 0 ? (
        <p>Add a teacher first: classes are created for a teacher on the roster.</p>
      ) : (
        <form onSubmit={onSubmit} className="inline-form" aria-labelledby="create-class-for">
          <label htmlFor="class-teacher">Teacher</label>
          <TeacherSelect id="class-teacher" teachers={teachers} value={teacherId} onChange={setTeacherId} />
          <label htmlFor="class-title">Title</label>
          <input id="class-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          <button type="submit" className="primary" disabled={create.busy}>
            {create.busy ? "Creating…" : "Create class"}
          </button>
        </form>
      )}
      <ErrorMessage error={create.error} />
    </section>
  );
}

function TeachersClasses({ teachers }: { teachers: TeacherChoice[] }) {
  const [teacherId, setTeacherId] = useState("");
  if (teachers.length === 0) return null;
  return (
    <section aria-labelledby="teachers-classes">
      <h2 id="teachers-classes">A teacher's classes</h2>
      <p className="inline-form">
        <label htmlFor="classes-of">Teacher</label>
        <TeacherSelect id="classes-of" teachers={teachers} value={teacherId} onChange={setTeacherId} />
      </p>
      {teacherId && <TeacherClassList teacherId={teacherId} label={`Classes of ${teacherId}`} />}
    </section>
  );
}
