import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { clearSession, loadSession, type Session } from "./session";

interface SessionValue {
  session: Session | undefined;
  setSession: (session: Session | undefined) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue>({ session: undefined, setSession: () => {}, signOut: () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const signOut = useCallback(() => {
    clearSession();
    setSession(undefined);
  }, []);
  const value = useMemo(() => ({ session, setSession, signOut }), [session, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
