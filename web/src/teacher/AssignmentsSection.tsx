import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { classes, documents, newId } from "../api/clients";
import type { Assignment } from "../gen/actors/v1/classes_pb";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { handouts } from "../documents/handouts";
import { SubmissionsTable } from "./SubmissionsTable";

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The class's assignments with their submissions; assigning a handout makes a copy for every student. */
export function AssignmentsSection({ classId, onChange }: { classId: string; onChange: () => void }) {
  const assignments = usePagedList<Assignment>(
    async (pageToken, pageSize, signal) => {
      const r = await classes.listAssignments({ classId, pageToken, pageSize }, { signal });
      return { items: r.assignments, nextPageToken: r.nextPageToken };
    },
    (a) => a.assignmentId,
    [classId],
  );
  const [handoutRef, setHandoutRef] = useState(handouts[0].contentRef);
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(inDays(7));
  // The document and assignment ids are made once per assignment being made, and reused if it is retried:
  // every step below is idempotent by these ids, so a retry finishes what a failed attempt started.
  const [ids, setIds] = useState(() => ({ documentId: newId(), assignmentId: newId() }));
  const assign = useAction(async () => {
    const handout = handouts.find((h) => h.contentRef === handoutRef) ?? handouts[0];
    const documentTitle = title.trim() || handout.title;
    await documents.createDocument({ documentId: ids.documentId, title: documentTitle, pageCount: handout.pages.length, contentRef: handout.contentRef });
    await documents.shareWithClass({ documentId: ids.documentId, classId });
    const dueTime = timestampFromDate(new Date(`${due}T23:59:00`));
    const assignment = await classes.assignDocument({ classId, assignmentId: ids.assignmentId, documentId: ids.documentId, dueTime, title: documentTitle });
    setIds({ documentId: newId(), assignmentId: newId() });
    setTitle("");
    return assignment;
  });

  const onAssign = async (e: FormEvent) => {
    e.preventDefault();
    if (await assign.run()) {
      assignments.reload();
      onChange();
    }
  };

  return (
    <section aria-labelledby="assignments">
      <h2 id="assignments">Assignments</h2>
      <form onSubmit={onAssign} className="stacked-form" aria-label="Assign a handout">
        <div>
          <label htmlFor="assign-handout">Handout</label>
          <select id="assign-handout" value={handoutRef} onChange={(e) => setHandoutRef(e.target.value)}>
            {handouts.map((h) => (
              <option key={h.contentRef} value={h.contentRef}>
                {h.title} ({h.pages.length} pages)
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="assign-title">Title (optional)</label>
          <input id="assign-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </div>
        <div>
          <label htmlFor="assign-due">Due</label>
          <input id="assign-due" type="date" value={due} min={inDays(0)} onChange={(e) => setDue(e.target.value)} required />
        </div>
        <button type="submit" className="primary" disabled={assign.busy}>
          {assign.busy ? "Assigning…" : "Assign to the class"}
        </button>
      </form>
      <ErrorMessage error={assign.error} />
      <ErrorMessage error={assignments.error} onRetry={assignments.reload} />
      {assignments.items.length === 0 && !assignments.loading && <p>Nothing assigned yet.</p>}
      <ul className="assignments">
        {assignments.items.map((a) => (
          <li key={a.assignmentId} data-assignment={a.assignmentId}>
            <h3>{a.title}</h3>
            <p className="meta">
              Due {a.dueTime ? timestampDate(a.dueTime).toLocaleDateString() : "—"} · {a.workCount} copies handed out
            </p>
            <p>
              <Link to={`/documents/${encodeURIComponent(a.documentId)}`}>Open the class document (live)</Link>
            </p>
            <SubmissionsTable classId={classId} assignmentId={a.assignmentId} />
          </li>
        ))}
      </ul>
      {assignments.hasMore && (
        <button type="button" onClick={assignments.more}>
          Show more assignments
        </button>
      )}
    </section>
  );
}
