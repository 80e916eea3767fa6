import { useState, type FormEvent } from "react";
import { newId, students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { GoalStatus, type Goal } from "../gen/actors/v1/students_pb";

const statusWords: Record<GoalStatus, string> = {
  [GoalStatus.UNSPECIFIED]: "Unknown",
  [GoalStatus.ACTIVE]: "Active",
  [GoalStatus.COMPLETED]: "Completed",
  [GoalStatus.ARCHIVED]: "Archived",
};

/** A student's goals: set one, move its progress, complete or archive it. */
export function GoalsPage() {
  const { session } = useSession();
  const studentId = session?.userId ?? "";
  const goals = usePagedList<Goal>(
    async (pageToken, pageSize, signal) => {
      const r = await students.listGoals({ studentId, pageToken, pageSize }, { signal });
      return { items: r.goals, nextPageToken: r.nextPageToken };
    },
    (g) => g.goalId,
    [studentId],
  );
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [goalId, setGoalId] = useState(newId);
  const create = useAction(() =>
    students.createGoal({ studentId, goalId, title: title.trim(), description: description.trim() || undefined, targetDate: targetDate || undefined }),
  );
  const change = useAction(async (call: () => Promise<unknown>) => {
    await call();
    goals.reload();
  });

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    if (await create.run()) {
      setGoalId(newId());
      setTitle("");
      setDescription("");
      setTargetDate("");
      goals.reload();
    }
  };

  return (
    <>
      <h1>Goals</h1>
      <form onSubmit={onCreate} className="stacked-form" aria-label="Set a goal">
        <h2>Set a goal</h2>
        <div>
          <label htmlFor="goal-title">Goal</label>
          <input id="goal-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <div>
          <label htmlFor="goal-description">Description (optional)</label>
          <textarea id="goal-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={2} />
        </div>
        <div>
          <label htmlFor="goal-date">Target date (optional)</label>
          <input id="goal-date" type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={create.busy}>
          Set goal
        </button>
        <ErrorMessage error={create.error} />
      </form>
      <ErrorMessage error={goals.error ?? change.error} onRetry={goals.reload} />
      <ul className="cards" aria-label="Your goals">
        {goals.items.map((g) => (
          <li key={g.goalId} data-goal={g.goalId}>
            <h2>{g.title}</h2>
            {g.description && <p>{g.description}</p>}
            <p className="meta">
              {statusWords[g.status]}
              {g.targetDate ? ` · by ${g.targetDate}` : ""}
            </p>
            <label htmlFor={`progress-${g.goalId}`}>Progress: {g.progressPercent}%</label>
            <input
              id={`progress-${g.goalId}`}
              type="range"
              min={0}
              max={100}
              step={5}
              defaultValue={g.progressPercent}
              disabled={g.status !== GoalStatus.ACTIVE}
              onPointerUp={(e) => void change.run(() => students.updateGoalProgress({ studentId, goalId: g.goalId, progressPercent: Number(e.currentTarget.value) }))}
              onKeyUp={(e) => void change.run(() => students.updateGoalProgress({ studentId, goalId: g.goalId, progressPercent: Number(e.currentTarget.value) }))}
            />
            {g.status === GoalStatus.ACTIVE && (
              <p>
                <button type="button" onClick={() => void change.run(() => students.completeGoal({ studentId, goalId: g.goalId }))}>
                  Mark complete
                </button>{" "}
                <button type="button" onClick={() => void change.run(() => students.archiveGoal({ studentId, goalId: g.goalId }))}>
                  Archive
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
      {goals.hasMore && (
        <button type="button" onClick={goals.more}>
          Show more goals
        </button>
      )}
    </>
  );
}
