// The Notifications page (seed: Notifications): search on the content, the Filter panel
// (status, type, tag), the heading checkbox and a checkbox per row with the bar to mark them
// read, unread or archived, the type as an icon, content, tag, creation date; 15, 25, 50 or
// 100 per page and the page selector.

import { Affix, Button, Checkbox, Drawer, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_STATUSES, NOTIFICATION_TAGS, NOTIFICATION_TYPES, type NotificationStatus } from '../../../../src/domain/notifications.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { Pager } from '../../app/Pager.tsx';
import { useDateTime } from '../session/api.ts';
import { useMark, useNotifications, type NotificationQuery } from './api.ts';
import { TypeIcon } from './TypeIcon.tsx';

const PER_PAGE = [15, 25, 50, 100];
type Filters = Pick<NotificationQuery, 'statuses' | 'types' | 'tags'>;

export default function NotificationsPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<NotificationQuery>({ search: '', statuses: [], types: [], tags: [], page: 1, perPage: 15 });
  const [filtering, setFiltering] = useState(false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const list = useNotifications(query);
  const mark = useMark();
  const change = (q: Partial<NotificationQuery>) => {
    setQuery((old) => ({ ...old, page: 1, ...q }));
    setSelected(new Set());
  };

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorPage error={list.error} retry={() => void list.refetch()} />;
  const rows = list.data.notifications;
  const allOnPage = rows.length > 0 && rows.every((n) => selected.has(n.id));
  // The selection goes at once: clearing it when the answer comes could undo a newer one.
  const markSelected = (as: NotificationStatus) => {
    const ids = [...selected];
    setSelected(new Set());
    mark.mutate({ ids, as });
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('notifications.title')}
      </Title>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          change({ search: typed.trim() });
        }}
      >
        <Group align="flex-end">
          <TextInput data-tour="notifications.search" label={t('notifications.search')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} type="search" w={320} />
          <Button type="submit" variant="light" leftSection={<IconSearch size={16} />}>
            {t('notifications.apply')}
          </Button>
          <Button data-tour="notifications.filter" variant="default" leftSection={<IconFilter size={16} />} onClick={() => setFiltering(true)}>
            {t('notifications.filterBy')}
          </Button>
        </Group>
      </form>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} data-tour="notifications.select">
              <Checkbox
                aria-label={t('notifications.selectAll')}
                checked={allOnPage}
                indeterminate={!allOnPage && rows.some((n) => selected.has(n.id))}
                onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((n) => n.id)))}
              />
            </Table.Th>
            <Table.Th w={60} data-tour="notifications.type">
              {t('notifications.type')}
            </Table.Th>
            <Table.Th>{t('notifications.content')}</Table.Th>
            <Table.Th data-tour="notifications.tag">{t('notifications.tag')}</Table.Th>
            <Table.Th>{t('notifications.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t('notifications.empty')}</Table.Td>
            </Table.Tr>
          )}
          {rows.map((n) => (
            <Table.Tr key={n.id} fw={n.status === 'unread' ? 600 : 400}>
              <Table.Td>
                <Checkbox
                  aria-label={t('notifications.select', { content: n.content })}
                  checked={selected.has(n.id)}
                  onChange={() =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (!next.delete(n.id)) next.add(n.id);
                      return next;
                    })
                  }
                />
              </Table.Td>
              <Table.Td>
                <TypeIcon type={n.type} />
              </Table.Td>
              <Table.Td>{n.content}</Table.Td>
              <Table.Td>{t(`notifications.tags.${n.tag as 'budget'}`)}</Table.Td>
              <Table.Td>{dateTime(n.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        tour="notifications.perPage"
        total={list.data.total}
        page={query.page}
        perPage={query.perPage}
        sizes={PER_PAGE}
        onPage={(page) => (setQuery((q) => ({ ...q, page })), setSelected(new Set()))}
        onPerPage={(perPage) => change({ perPage: perPage as NotificationQuery['perPage'] })}
      />
      {selected.size > 0 && (
        <Affix position={{ bottom: 20, left: '50%' }} style={{ transform: 'translateX(-50%)' }}>
          <Paper shadow="md" p="sm" radius="md" bg="violet.7" role="toolbar" aria-label={t('notifications.selected', { count: selected.size })}>
            <Group>
              <Text c="white" size="sm">
                {t('notifications.selected', { count: selected.size })}
              </Text>
              <Button size="xs" variant="white" onClick={() => markSelected('unread')}>
                {t('notifications.markUnread')}
              </Button>
              <Button size="xs" variant="white" onClick={() => markSelected('read')}>
                {t('notifications.markRead')}
              </Button>
              <Button size="xs" variant="white" onClick={() => markSelected('archived')}>
                {t('notifications.archive')}
              </Button>
            </Group>
          </Paper>
        </Affix>
      )}
      {filtering && <FilterPanel value={query} onCancel={() => setFiltering(false)} onApply={(f) => (change(f), setFiltering(false))} />}
    </Stack>
  );
}

function FilterPanel({ value, onCancel, onApply }: { value: Filters; onCancel: () => void; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>({ statuses: value.statuses, types: value.types, tags: value.tags });
  const group = (key: keyof Filters, label: string, values: readonly string[], name: (v: string) => string) => (
    <Checkbox.Group label={label} value={f[key]} onChange={(v) => setF((old) => ({ ...old, [key]: v }))}>
      <Stack gap={6} mt="xs">
        {values.map((v) => (
          <Checkbox key={v} value={v} label={name(v)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
  return (
    <Drawer opened onClose={onCancel} position="right" title={t('notifications.filterTitle')}>
      <Stack>
        {group('statuses', t('notifications.status'), NOTIFICATION_STATUSES, (v) => t(`notifications.statuses.${v as 'read'}`))}
        {group('types', t('notifications.type'), NOTIFICATION_TYPES, (v) => t(`notifications.types.${v as 'info'}`))}
        {group('tags', t('notifications.tag'), NOTIFICATION_TAGS, (v) => t(`notifications.tags.${v as 'budget'}`))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('notifications.cancel')}
          </Button>
          <Button onClick={() => onApply(f)}>{t('notifications.apply')}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
