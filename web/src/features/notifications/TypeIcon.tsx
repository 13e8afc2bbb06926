// A notification's type as an icon, with its name on hover (seed: "hover over the icon").

import { ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const LOOK = {
  success: { color: 'teal', Icon: IconCircleCheck },
  error: { color: 'red', Icon: IconCircleX },
  warning: { color: 'orange', Icon: IconAlertTriangle },
  info: { color: 'blue', Icon: IconInfoCircle },
} as const;

export function TypeIcon({ type }: { type: string }) {
  const { t } = useTranslation();
  const look = LOOK[type as keyof typeof LOOK] ?? LOOK.info;
  const name = t(`notifications.types.${type as 'info'}`);
  return (
    <Tooltip label={name}>
      <ThemeIcon variant="light" color={look.color} size="md" radius="xl" role="img" aria-label={name}>
        <look.Icon size={16} />
      </ThemeIcon>
    </Tooltip>
  );
}
