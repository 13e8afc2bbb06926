// The frame of the pages before sign-in: a card in the middle of the screen.

import { Center, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

export function CardPage({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={420}>
        {children}
      </Paper>
    </Center>
  );
}
