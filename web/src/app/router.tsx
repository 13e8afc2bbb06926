// The routes. Every page after sign-in is its own chunk (route-level code splitting), so the
// first load is the shell and the login page only.

import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/session/LoginPage.tsx';
import { ForgotPasswordPage } from '../features/session/ForgotPasswordPage.tsx';
import { LinkPage } from '../features/session/LinkPage.tsx';
import { useSession } from '../features/session/api.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { firstPage } from './menu.ts';
import { RequireSession } from './RequireSession.tsx';
import { Shell } from './Shell.tsx';

const TrafficAccountsPage = lazy(() => import('../features/traffic-accounts/TrafficAccountsPage.tsx'));
const HelpPage = lazy(() => import('../features/help/HelpPage.tsx'));
const UsersPage = lazy(() => import('../features/users/UsersPage.tsx'));
const OutboxPage = lazy(() => import('../features/mail/OutboxPage.tsx'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage.tsx'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage.tsx'));
const BrandingPage = lazy(() => import('../features/branding/BrandingPage.tsx'));
const DistributionListsPage = lazy(() => import('../features/lists/DistributionListsPage.tsx'));
const CreateListPage = lazy(() => import('../features/lists/CreateListPage.tsx'));
const ListPage = lazy(() => import('../features/lists/ListPage.tsx'));
const TemplatesPage = lazy(() => import('../features/templates/TemplatesPage.tsx'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage.tsx'));
const CampaignEditorPage = lazy(() => import('../features/campaigns/CampaignEditorPage.tsx'));

/** `/`: the first page the menu shows this person. */
function FirstPage() {
  return <Navigate to={firstPage(useSession().data?.user.permissions ?? [])} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/accept-invitation', element: <LinkPage purpose="invitation" /> },
  { path: '/reset-password', element: <LinkPage purpose="reset" /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <FirstPage /> },
      { path: 'lists', element: <DistributionListsPage /> },
      { path: 'lists/new', element: <CreateListPage /> },
      { path: 'lists/:id', element: <ListPage /> },
      { path: 'lists/:id/import', element: <CreateListPage /> },
      { path: 'templates', element: <TemplatesPage /> },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'campaigns/new', element: <CampaignEditorPage /> },
      { path: 'campaigns/:id', element: <CampaignEditorPage /> },
      { path: 'traffic-accounts', element: <TrafficAccountsPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'mail-outbox', element: <OutboxPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'branding', element: <BrandingPage /> },
      { path: 'help', element: <HelpPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
