import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { completeSignIn, homePath, signInAddress } from "./session";
import { useSession } from "./SessionContext";

/** Shown to a visitor who is not signed in: sends them to the school's sign-in (the development one locally). */
export function SignInPage() {
  const location = useLocation();
  const returnTo = location.pathname === "/" ? "/" : location.pathname + location.search;
  return (
    <main id="main" className="sign-in">
      <h1>Actors classroom</h1>
      <p>Documents, live annotations, goals and reflections for your classes.</p>
      <p>
        <SignInButton returnTo={returnTo} />
      </p>
    </main>
  );
}

/** Where the sign-in page sends the browser back to, with the token in the fragment. */
export function SignedInPage() {
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  // The fragment can be taken once (its state is used up); React may run an effect twice in development.
  const taken = useRef(false);
  useEffect(() => {
    if (taken.current) return;
    taken.current = true;
    const result = completeSignIn(window.location.hash);
    // The token leaves the address bar (and the history) at once.
    window.history.replaceState(null, "", window.location.pathname);
    if ("error" in result) {
      setError(result.error);
      return;
    }
    setSession(result.session);
    navigate(result.returnTo === "/" ? homePath(result.session) : result.returnTo, { replace: true });
  }, [navigate, setSession]);
  if (error) {
    return (
      <main id="main" className="sign-in">
        <h1>Sign-in did not work</h1>
        <p role="alert">{error}</p>
        <p>
          <SignInButton returnTo="/" label="Sign in again" />
        </p>
      </main>
    );
  }
  return <p role="status">Signing in…</p>;
}

/** Goes to the sign-in page with a fresh `state`, made when clicked (never while drawing the page). */
function SignInButton({ returnTo, label = "Sign in with your school" }: { returnTo: string; label?: string }) {
  return (
    <button type="button" className="primary" onClick={() => window.location.assign(signInAddress(returnTo))}>
      {label}
    </button>
  );
}
