// The toolbar's bell (seed: Notifications): the unread count over the icon, and a panel with
// the three most recent, Mark all as read and Show all. It asks the server every 15 s.

import { ActionIcon, Button, Group, Indicator, Popover, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDateTime } from '../session/api.ts';
import { useBell, useMark } from './api.ts';
import { TypeIcon } from './TypeIcon.tsx';

export function Bell() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const bell = useBell();
  const mark = useMark();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = bell.data?.unread ?? 0;
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={340} shadow="md">
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')} onClick={() => setOpen((o) => !o)}>
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="region" aria-label={t('notifications.bell')}>
          {(bell.data?.latest ?? []).length === 0 && <Text size="sm">{t('notifications.none')}</Text>}
          {bell.data?.latest.map((n) => (
            <Group key={n.id} wrap="nowrap" align="flex-start" gap="xs">
              <TypeIcon type={n.type} />
              <div>
                <Text size="sm">{n.content}</Text>
                <Text size="xs" c="dimmed">
                  {dateTime(n.createdAt)}
                </Text>
              </div>
            </Group>
          ))}
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" size="xs" onClick={() => (setOpen(false), navigate('/notifications'))}>
              {t('notifications.showAll')}
            </Button>
            <Button variant="light" size="xs" disabled={unread === 0} loading={mark.isPending} onClick={() => mark.mutate({ all: true, as: 'read' })}>
              {t('notifications.markAllRead')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
