// The web app's entry: providers (theme, queries, notifications, i18n) around the router.

import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './lib/i18n.ts';
import { router } from './app/router.tsx';
import { Brand } from './features/branding/Brand.tsx';

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <Brand>
        <Notifications position="top-right" />
        <RouterProvider router={router} />
      </Brand>
    </QueryClientProvider>
  </StrictMode>,
);
