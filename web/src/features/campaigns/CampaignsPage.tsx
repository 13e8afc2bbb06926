// The Campaigns page (seed: Campaigns): search on the name and a status filter (Search, Clear),
// Create Campaign, and per campaign its name with the created date, sender, schedule date, the
// sent/total status, and the actions: view, and clone (asking for the new name).

import { Anchor, Badge, Button, Group, Modal, MultiSelect, Pagination, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconEye } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CampaignView } from '../../../../src/contracts/campaigns.ts';
import { CAMPAIGN_NAME_MAX, CAMPAIGN_NAME_MIN } from '../../../../src/domain/campaigns.ts';
import { CAMPAIGN_STATUSES } from '../../../../src/domain/campaign-state.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { IconAction } from '../../app/IconAction.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { SearchForm } from '../../app/SearchForm.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { messageOf } from '../../lib/http.ts';
import { useCampaigns, useCloneCampaign } from './api.ts';

const PER_PAGE = 15;
export const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  processing: 'blue',
  ready: 'blue',
  scheduled: 'violet',
  sending: 'teal',
  paused: 'yellow',
  suspended: 'orange',
  aborted: 'red',
  rejected: 'red',
  finished: 'green',
};

export default function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState<{ search: string; statuses: string[] }>({ search: '', statuses: [] });
  const [page, setPage] = useState(1);
  const campaigns = useCampaigns({ ...filter, page, perPage: PER_PAGE });
  const [cloning, setCloning] = useState<CampaignView | null>(null);
  const pages = Math.max(1, Math.ceil((campaigns.data?.total ?? 0) / PER_PAGE));

  function clear() {
    setChosen([]);
    setFilter({ search: '', statuses: [] });
    setPage(1);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('campaigns.title')}
        </Title>
        <Button data-tour="campaigns.create" onClick={() => navigate('/campaigns/new')}>
          {t('campaigns.create')}
        </Button>
      </Group>
      <SearchForm tour="campaigns.search" label={t('campaigns.search')} onSearch={(text) => (setFilter({ search: text, statuses: chosen }), setPage(1))} onClear={clear} width={260}>
        <MultiSelect label={t('campaigns.status')} data={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.statuses.${s}`) }))} value={chosen} onChange={setChosen} clearable w={300} />
      </SearchForm>
      {campaigns.isPending ? (
        <PageLoader />
      ) : campaigns.isError ? (
        <ErrorPage error={campaigns.error} retry={() => void campaigns.refetch()} />
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.name')}</Table.Th>
              <Table.Th>{t('campaigns.status')}</Table.Th>
              <Table.Th>{t('campaigns.sender')}</Table.Th>
              <Table.Th>{t('campaigns.created')}</Table.Th>
              <Table.Th>{t('campaigns.scheduled')}</Table.Th>
              <Table.Th data-tour="campaigns.sentTotal">{t('campaigns.sentTotal')}</Table.Th>
              <Table.Th>{t('campaigns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.data.campaigns.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>{filter.search || filter.statuses.length ? t('campaigns.noneFound') : t('campaigns.empty')}</Table.Td>
              </Table.Tr>
            )}
            {campaigns.data.campaigns.map((c) => {
              const percent = c.recipients ? Math.round((c.sent / c.recipients) * 100) : 0;
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`}>
                      {c.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(c.createdAt, i18n.language, 'UTC')} UTC
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[c.status]} variant="light">
                      {t(`campaigns.statuses.${c.status as 'draft'}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.sender ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(c.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{c.scheduleAt ? formatDateTime(c.scheduleAt, i18n.language, c.timeZone ?? undefined) : ''}</Table.Td>
                  <Table.Td miw={120}>
                    <Text size="xs">{t('campaigns.sentOf', { sent: c.sent.toLocaleString(i18n.language), total: c.recipients.toLocaleString(i18n.language), percent })}</Text>
                    <Progress value={percent} size="sm" aria-label={t('campaigns.sentTotal')} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <IconAction label={t('campaigns.view', { name: c.name })} onClick={() => navigate(`/campaigns/${c.id}`)} icon={<IconEye size={18} />} />
                      <IconAction label={t('campaigns.clone', { name: c.name })} onClick={() => setCloning(c)} icon={<IconCopy size={18} />} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="flex-end">
        <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} />
      </Group>
      {cloning && <Clone campaign={cloning} onClose={() => setCloning(null)} />}
    </Stack>
  );
}

function Clone({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const { t } = useTranslation();
  const clone = useCloneCampaign();
  const navigate = useNavigate();
  const [name, setName] = useState(t('campaigns.copyOf', { name: campaign.name }).slice(0, CAMPAIGN_NAME_MAX));
  const [error, setError] = useState<string | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (n.length < CAMPAIGN_NAME_MIN || n.length > CAMPAIGN_NAME_MAX) return setError(t('campaigns.nameRule', { min: CAMPAIGN_NAME_MIN, max: CAMPAIGN_NAME_MAX }));
    clone.mutate(
      { id: campaign.id, name: n },
      {
        onSuccess: (made) => {
          notifications.show({ color: 'green', message: t('campaigns.cloned', { name: made.name }) });
          navigate(`/campaigns/${made.id}`);
        },
        onError: (err) => setError(messageOf(err)),
      },
    );
  }
  return (
    <Modal opened onClose={onClose} title={t('campaigns.cloneTitle', { name: campaign.name })}>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label={t('campaigns.newName')} value={name} onChange={(e) => (setName(e.currentTarget.value), setError(null))} error={error} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={clone.isPending}>
              {t('campaigns.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
