// Shows the login page while signed out; otherwise the app. A 401 from any request (or the
// watch hub closing with 4401) ends the session in the UI and returns here, keeping the URL so
// the user lands on the same deep link after signing in.
import { createContext, lazy, Suspense, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { fetchSession, type SessionInfo } from '../api/session';
import { setUnauthorizedHandler } from '../api/http';
import { hubClient } from '../api/hubClient';
import { ErrorPanel } from './ErrorPanel';

const LoginPage = lazy(() => import('./LoginPage').then((m) => ({ default: m.LoginPage })));

const SessionContext = createContext<SessionInfo | undefined>(undefined);
/** The signed-in session; undefined when the server runs without console auth. */
export function useSession(): SessionInfo | undefined {
  return useContext(SessionContext);
}

export const SESSION_KEY = ['session'] as const;

export function AuthGate({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });
  useEffect(() => {
    const signedOut = () => {
      qc.setQueryData(SESSION_KEY, null);
    };
    setUnauthorizedHandler(signedOut);
    hubClient().onUnauthenticated = signedOut;
    return () => setUnauthorizedHandler(undefined);
  }, [qc]);
  const center = { display: 'grid', placeItems: 'center', minHeight: '100vh' } as const;
  if (q.isLoading) {
    return (
      <div style={center}>
        <Spin />
      </div>
    );
  }
  if (q.isError) return <ErrorPanel message={q.error.message} />;
  if (q.data === null) {
    return (
      <Suspense fallback={<div style={center}><Spin /></div>}>
        <LoginPage
          onSignedIn={(s) => {
            qc.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
            qc.setQueryData(SESSION_KEY, s);
          }}
        />
      </Suspense>
    );
  }
  return <SessionContext.Provider value={q.data === 'open' ? undefined : q.data}>{children}</SessionContext.Provider>;
}
