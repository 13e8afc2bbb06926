// The routes. Every page after sign-in is its own chunk (route-level code splitting), so the
// first load is the shell and the login page only.

import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/session/LoginPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { firstPage } from './menu.ts';
import { RequireSession } from './RequireSession.tsx';
import { Shell } from './Shell.tsx';

const TrafficAccountsPage = lazy(() => import('../features/traffic-accounts/TrafficAccountsPage.tsx'));
const HelpPage = lazy(() => import('../features/help/HelpPage.tsx'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to={firstPage()} replace /> },
      { path: 'traffic-accounts', element: <TrafficAccountsPage /> },
      { path: 'help', element: <HelpPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
