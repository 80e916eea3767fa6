import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Link } from "react-router-dom";
import { classes } from "../api/clients";
import { ErrorMessage } from "../components/ErrorMessage";
import { usePagedList } from "../components/usePagedList";
import type { ClassSummary } from "../gen/actors/v1/classes_pb";

/**
 * A teacher's classes from the server (ClassService.ListTeacherClasses), a page at a time: the signed-in teacher's
 * own (no `teacherId`), or — for a school administrator — the named teacher's. The same on every device.
 */
export function TeacherClassList({ teacherId, label, reloadKey = 0 }: { teacherId?: string; label: string; reloadKey?: number }) {
  const list = usePagedList<ClassSummary>(
    async (pageToken, pageSize, signal) => {
      const r = await classes.listTeacherClasses({ teacherId, pageToken, pageSize }, { signal });
      return { items: r.classes, nextPageToken: r.nextPageToken };
    },
    (c) => c.classId,
    [teacherId, reloadKey],
  );
  return (
    <>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <p aria-live="polite">Loading classes…</p>
      ) : list.items.length === 0 && !list.error ? (
        <p>No classes yet.</p>
      ) : (
        <ul className="cards" aria-label={label}>
          {list.items.map((c) => (
            <li key={c.classId} data-class={c.classId}>
              <Link to={`/teacher/classes/${encodeURIComponent(c.classId)}`}>{c.title}</Link>
              {c.createTime && <span className="meta"> · created {timestampDate(c.createTime).toLocaleDateString()}</span>}
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" onClick={list.more} disabled={list.loading}>
          Show more classes
        </button>
      )}
    </>
  );
}
