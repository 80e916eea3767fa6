import { useState, type FormEvent } from "react";
import { newId, students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { ActivityStatus, type Activity } from "../gen/actors/v1/students_pb";

const today = () => new Date().toISOString().slice(0, 10);

/** Activities a student commits to, with hours logged against them. */
export function ActivitiesPage() {
  const { session } = useSession();
  const studentId = session?.userId ?? "";
  const activities = usePagedList<Activity>(
    async (pageToken, pageSize, signal) => {
      const r = await students.listActivities({ studentId, pageToken, pageSize }, { signal });
      return { items: r.activities, nextPageToken: r.nextPageToken };
    },
    (a) => a.activityId,
    [studentId],
  );
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState("");
  const [activityId, setActivityId] = useState(newId);
  const commit = useAction(() => students.commitToActivity({ studentId, activityId, title: title.trim(), category: category.trim() || undefined }));
  const change = useAction(async (call: () => Promise<unknown>) => {
    await call();
    activities.reload();
  });

  const onCommit = async (e: FormEvent) => {
    e.preventDefault();
    if (await commit.run()) {
      setActivityId(newId());
      setTitle("");
      setCategory("");
      activities.reload();
    }
  };

  return (
    <>
      <h1>Activities</h1>
      <form onSubmit={onCommit} className="stacked-form" aria-label="Commit to an activity">
        <h2>Commit to an activity</h2>
        <div>
          <label htmlFor="activity-title">Activity</label>
          <input id="activity-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <div>
          <label htmlFor="activity-category">Category (optional)</label>
          <input id="activity-category" value={category} onChange={(e) => setCategory(e.target.value)} maxLength={200} placeholder="Sport, service, arts…" />
        </div>
        <button type="submit" className="primary" disabled={commit.busy}>
          Commit
        </button>
        <ErrorMessage error={commit.error} />
      </form>
      <ErrorMessage error={activities.error ?? change.error} onRetry={activities.reload} />
      <ul className="cards" aria-label="Your activities">
        {activities.items.map((a) => (
          <li key={a.activityId} data-activity={a.activityId}>
            <h2>{a.title}</h2>
            <p className="meta">
              {a.category ? `${a.category} · ` : ""}
              {a.status === ActivityStatus.COMPLETED ? "Completed" : "Committed"} · {a.totalHours} hours
            </p>
            {a.status === ActivityStatus.COMMITTED && <LogHours activity={a} studentId={studentId} onLogged={activities.reload} />}
            {a.status === ActivityStatus.COMMITTED && (
              <button type="button" onClick={() => void change.run(() => students.completeActivity({ studentId, activityId: a.activityId }))}>
                Mark complete
              </button>
            )}
          </li>
        ))}
      </ul>
      {activities.hasMore && (
        <button type="button" onClick={activities.more}>
          Show more activities
        </button>
      )}
    </>
  );
}

function LogHours({ activity, studentId, onLogged }: { activity: Activity; studentId: string; onLogged: () => void }) {
  const [hours, setHours] = useState("1");
  const [on, setOn] = useState(today);
  const [entryId, setEntryId] = useState(newId);
  const log = useAction(() => students.logHours({ studentId, activityId: activity.activityId, entryId, hours: Number(hours), on }));
  const id = activity.activityId;
  return (
    <form
      className="inline-form"
      aria-label={`Log hours for ${activity.title}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await log.run()) {
          setEntryId(newId());
          onLogged();
        }
      }}
    >
      <label htmlFor={`hours-${id}`}>Hours</label>
      <input id={`hours-${id}`} type="number" min="0.01" max="24" step="0.01" value={hours} onChange={(e) => setHours(e.target.value)} required />
      <label htmlFor={`on-${id}`}>On</label>
      <input id={`on-${id}`} type="date" max={today()} value={on} onChange={(e) => setOn(e.target.value)} required />
      <button type="submit" disabled={log.busy}>
        Log hours
      </button>
      <ErrorMessage error={log.error} />
    </form>
  );
}
