// The auth guard: pages after sign-in need a session; without one the login page comes, and
// brings the person back to where they were going.

import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../features/session/api.ts';
import { PageLoader } from './PageLoader.tsx';
import { ErrorPage } from './ErrorPage.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorPage error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The account requires 2FA and this person has none yet: Settings until they set it up.
  if (session.data.setupRequired && location.pathname !== '/settings') return <Navigate to="/settings?tab=two-factor" replace />;
  return children;
}
