import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { useSession } from "../auth/SessionContext";

/** The frame of every signed-in page: a skip link, the navigation for the user's role, and who is signed in. */
export function Layout() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const links =
    session?.role === "student"
      ? [
          ["/student", "My classes"],
          ["/student/goals", "Goals"],
          ["/student/activities", "Activities"],
          ["/student/reflections", "Reflections"],
          ["/student/resume", "Resume"],
        ]
      : session?.role === "school_admin" || session?.role === "admin"
        ? [["/school", "School"]]
        : [["/teacher", "Classes"]];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Actors classroom</span>
        <nav aria-label="Main">
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {session && (
          <div className="who">
            <span>
              {session.userId} · {session.role}
              {session.school ? ` · ${session.school}` : ""}
            </span>
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate("/");
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
