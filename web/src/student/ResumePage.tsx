import { useEffect, useState, type FormEvent } from "react";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { students } from "../api/clients";
import { useSession } from "../auth/SessionContext";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction, useLoad } from "../components/useCall";

/** The resume assembled from the profile and the completed goals and activities; the profile is edited here. */
export function ResumePage() {
  const { session } = useSession();
  const studentId = session?.userId ?? "";
  const resume = useLoad((signal) => students.getResume({ studentId }, { signal }), [studentId]);
  const [name, setName] = useState("");
  const [school, setSchool] = useState("");
  const [yearLevel, setYearLevel] = useState("9");
  useEffect(() => {
    const profile = resume.data?.profile;
    if (profile) {
      setName(profile.name);
      setSchool(profile.school);
      setYearLevel(String(profile.yearLevel));
    }
  }, [resume.data]);
  const save = useAction(() => students.updateProfile({ studentId, profile: { name: name.trim(), school: school.trim(), yearLevel: Number(yearLevel) } }));

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (await save.run()) resume.reload();
  };
  const r = resume.data;
  return (
    <>
      <h1>Resume</h1>
      <ErrorMessage error={resume.error} onRetry={resume.reload} />
      {r && (
        <article className="resume" aria-label="Your resume">
          <h2>{r.profile?.name || studentId}</h2>
          {r.profile && (
            <p className="meta">
              {r.profile.school} · Year {r.profile.yearLevel}
            </p>
          )}
          <h3>Goals achieved</h3>
          {r.goals.length === 0 ? (
            <p>None yet: completed goals appear here.</p>
          ) : (
            <ul>
              {r.goals.map((g, i) => (
                <li key={i}>
                  {g.title} {g.completeTime && <span className="meta">({timestampDate(g.completeTime).toLocaleDateString()})</span>}
                </li>
              ))}
            </ul>
          )}
          <h3>Activities</h3>
          {r.activities.length === 0 ? (
            <p>None yet: completed activities appear here.</p>
          ) : (
            <ul>
              {r.activities.map((a, i) => (
                <li key={i}>
                  {a.title}
                  {a.category ? ` (${a.category})` : ""}: {a.hours} hours
                </li>
              ))}
            </ul>
          )}
          <p>
            <strong>Total hours:</strong> {r.totalHours}
          </p>
        </article>
      )}
      <form onSubmit={onSave} className="stacked-form" aria-label="Your profile">
        <h2>Your profile</h2>
        <div>
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </div>
        <div>
          <label htmlFor="profile-school">School</label>
          <input id="profile-school" value={school} onChange={(e) => setSchool(e.target.value)} required maxLength={200} />
        </div>
        <div>
          <label htmlFor="profile-year">Year level</label>
          <input id="profile-year" type="number" min={1} max={13} value={yearLevel} onChange={(e) => setYearLevel(e.target.value)} required />
        </div>
        <button type="submit" className="primary" disabled={save.busy}>
          Save profile
        </button>
        <ErrorMessage error={save.error} />
      </form>
    </>
  );
}
