import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { classes, newId } from "../api/clients";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { TeacherClassList } from "./TeacherClassList";

/** A teacher's classes (from the server: the same on every device), and a form to create one. */
export function TeacherHome() {
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [openId, setOpenId] = useState("");
  // Made once per class being created and kept across retries: a retry never makes a second class.
  const [pendingClassId, setPendingClassId] = useState(newId);
  const create = useAction(async (classTitle: string) => {
    const created = await classes.createClass({ classId: pendingClassId, title: classTitle });
    setPendingClassId(newId());
    return created;
  });

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.run(title.trim());
    if (created) navigate(`/teacher/classes/${encodeURIComponent(created.classId)}`);
  };

  return (
    <>
      <h1>Your classes</h1>
      <TeacherClassList label="Your classes" />

      <section aria-labelledby="create-class">
        <h2 id="create-class">Create a class</h2>
        <form onSubmit={onCreate} className="inline-form">
          <label htmlFor="class-title">Title</label>
          <input id="class-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          <button type="submit" className="primary" disabled={create.busy}>
            {create.busy ? "Creating…" : "Create class"}
          </button>
        </form>
        <ErrorMessage error={create.error} />
      </section>

      <section aria-labelledby="open-class">
        <h2 id="open-class">Open a class by id</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (openId.trim()) navigate(`/teacher/classes/${encodeURIComponent(openId.trim())}`);
          }}
        >
          <label htmlFor="open-class-id">Class id</label>
          <input id="open-class-id" value={openId} onChange={(e) => setOpenId(e.target.value)} required />
          <button type="submit">Open</button>
        </form>
      </section>
    </>
  );
}
