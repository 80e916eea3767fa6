import { useState, type FormEvent } from "react";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { newId, students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction, useLoad } from "../components/useCall";
import { usePagedList } from "../components/usePagedList";
import { readAll } from "../paging/paging";
import { ReflectionSubject, type Reflection } from "../gen/actors/v1/students_pb";

/** Reflections on a goal or an activity: private unless the student shares one with a class. */
export function ReflectionsPage() {
  const { session } = useSession();
  const studentId = session?.userId ?? "";
  const reflections = usePagedList<Reflection>(
    async (pageToken, pageSize, signal) => {
      const r = await students.listReflections({ studentId, pageToken, pageSize }, { signal });
      return { items: r.reflections, nextPageToken: r.nextPageToken };
    },
    (r) => r.reflectionId,
    [studentId],
  );
  // What a reflection can be about, and the classes it can be shared with.
  const context = useLoad(async (signal) => {
    const [goals, activities, myClasses] = await Promise.all([
      readAll(async (pageToken, pageSize) => {
        const r = await students.listGoals({ studentId, pageToken, pageSize }, { signal });
        return { items: r.goals, nextPageToken: r.nextPageToken };
      }),
      readAll(async (pageToken, pageSize) => {
        const r = await students.listActivities({ studentId, pageToken, pageSize }, { signal });
        return { items: r.activities, nextPageToken: r.nextPageToken };
      }),
      readAll(async (pageToken, pageSize) => {
        const r = await students.listClasses({ studentId, pageToken, pageSize }, { signal });
        return { items: r.classes, nextPageToken: r.nextPageToken };
      }),
    ]);
    const subjects = [
      ...goals.map((g) => ({ key: `goal:${g.goalId}`, subject: ReflectionSubject.GOAL, id: g.goalId, label: `Goal: ${g.title}` })),
      ...activities.map((a) => ({ key: `activity:${a.activityId}`, subject: ReflectionSubject.ACTIVITY, id: a.activityId, label: `Activity: ${a.title}` })),
    ];
    return { subjects, classes: myClasses };
  }, [studentId]);

  const [subjectKey, setSubjectKey] = useState("");
  const [text, setText] = useState("");
  const [reflectionId, setReflectionId] = useState(newId);
  const write = useAction(async () => {
    const subject = context.data?.subjects.find((s) => s.key === subjectKey) ?? context.data?.subjects[0];
    if (!subject) throw new Error("Set a goal or commit to an activity first: a reflection is about one of them.");
    return students.writeReflection({ studentId, reflectionId, text: text.trim(), subject: subject.subject, subjectId: subject.id });
  });
  const share = useAction(async (call: () => Promise<unknown>) => {
    await call();
    reflections.reload();
  });

  const onWrite = async (e: FormEvent) => {
    e.preventDefault();
    if (await write.run()) {
      setReflectionId(newId());
      setText("");
      reflections.reload();
    }
  };

  const subjects = context.data?.subjects ?? [];
  const classes = context.data?.classes ?? [];
  const subjectLabel = (r: Reflection) => subjects.find((s) => s.id === r.subjectId)?.label ?? r.subjectId;

  return (
    <>
      <h1>Reflections</h1>
      <p>Your reflections are private. Share one with a class and only that class's teacher can read it.</p>
      <ErrorMessage error={context.error} onRetry={context.reload} />
      <form onSubmit={onWrite} className="stacked-form" aria-label="Write a reflection">
        <h2>Write a reflection</h2>
        {subjects.length === 0 && !context.loading && <p>Set a goal or commit to an activity first: a reflection is about one of them.</p>}
        <div>
          <label htmlFor="reflection-subject">About</label>
          <select id="reflection-subject" value={subjectKey} onChange={(e) => setSubjectKey(e.target.value)} disabled={subjects.length === 0}>
            {subjects.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="reflection-text">Reflection</label>
          <textarea id="reflection-text" value={text} onChange={(e) => setText(e.target.value)} required maxLength={10000} rows={5} />
        </div>
        <button type="submit" className="primary" disabled={write.busy || subjects.length === 0}>
          Save reflection
        </button>
        <ErrorMessage error={write.error} />
      </form>
      <ErrorMessage error={reflections.error ?? share.error} onRetry={reflections.reload} />
      <ul className="cards" aria-label="Your reflections">
        {reflections.items.map((r) => (
          <li key={r.reflectionId} data-reflection={r.reflectionId}>
            <p className="meta">
              {subjectLabel(r)} · {r.writeTime ? timestampDate(r.writeTime).toLocaleDateString() : ""}
            </p>
            <p className="reflection-text">{r.text}</p>
            <fieldset>
              <legend>Shared with</legend>
              {classes.length === 0 && <span>You are not in any class.</span>}
              {classes.map((c) => {
                const shared = r.sharedWithClassIds.includes(c.classId);
                return (
                  <label key={c.classId}>
                    <input
                      type="checkbox"
                      checked={shared}
                      disabled={share.busy}
                      onChange={() =>
                        void share.run(() =>
                          shared
                            ? students.unshareReflection({ studentId, reflectionId: r.reflectionId, classId: c.classId })
                            : students.shareReflection({ studentId, reflectionId: r.reflectionId, classId: c.classId }),
                        )
                      }
                    />
                    {c.title}
                  </label>
                );
              })}
            </fieldset>
          </li>
        ))}
      </ul>
      {reflections.hasMore && (
        <button type="button" onClick={reflections.more}>
          Show more reflections
        </button>
      )}
    </>
  );
}
