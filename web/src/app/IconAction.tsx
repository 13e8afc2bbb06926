// An icon button of a table's Action column: its label is its accessible name and its tooltip.

import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

export function IconAction({ label, onClick, icon, color }: { label: string; onClick: () => void; icon: ReactNode; color?: string }) {
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
