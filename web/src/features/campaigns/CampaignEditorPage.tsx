// Create Campaign (seed): step 1 Sender & Recipients (name, sender, the Select Contacts List
// panel, Personalize with placeholders mapped to list columns and fallbacks); step 2 Message &
// Preview (the message with the Placeholders and Templates buttons, the counters, the message as
// a phone shows it for each recipient, the schedule in the person's time zone, the traffic
// account). Next saves the draft, so the preview is the server's. A campaign past Draft is shown,
// not edited.

import { Alert, Badge, Button, Group, Menu, Paper, Select, SimpleGrid, Stack, Stepper, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { CampaignView } from '../../../../src/contracts/campaigns.ts';
import { CAMPAIGN_NAME_MAX, CAMPAIGN_NAME_MIN } from '../../../../src/domain/campaigns.ts';
import { placeholdersIn } from '../../../../src/domain/personalize.ts';
import { utcToWallTime, wallTimeToUtc } from '../../../../src/domain/schedule.ts';
import { checkSender } from '../../../../src/domain/sender.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { messageCount } from '../../../../src/domain/message-count.ts';
import { useLists } from '../lists/api.ts';
import { useMe } from '../settings/api.ts';
import { useTemplates } from '../templates/api.ts';
import { useTrafficAccounts } from '../traffic-accounts/api.ts';
import { useCampaign, useEstimate, usePreview, useSaveCampaign } from './api.ts';
import { STATUS_COLOR } from './CampaignsPage.tsx';
import { ListPicker } from './ListPicker.tsx';
import { Personalize, type PlaceholderRow } from './Personalize.tsx';

export default function CampaignEditorPage() {
  const id = Number(useParams().id) || null;
  const campaign = useCampaign(id);
  const me = useMe();
  if ((id !== null && campaign.isPending) || me.isPending) return <PageLoader />;
  if (campaign.isError) return <ErrorPage error={campaign.error} retry={() => void campaign.refetch()} />;
  if (campaign.data && campaign.data.status !== 'draft') return <CampaignSummary campaign={campaign.data} />;
  const zone = me.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return <Editor key={campaign.data?.id ?? 'new'} campaign={campaign.data ?? null} defaultSender={me.data?.defaultSender ?? ''} zone={zone} unicodeDetection={me.data?.unicodeDetection ?? true} />;
}

function rowsOf(c: CampaignView | null): PlaceholderRow[] {
  if (!c) return [];
  const names = new Set([...Object.keys(c.personalization.columns), ...Object.keys(c.personalization.fallbacks)]);
  return [...names].map((name) => ({ name, column: c.personalization.columns[name] ?? null, fallback: c.personalization.fallbacks[name] ?? '' }));
}

function Editor({ campaign, defaultSender, zone, unicodeDetection }: { campaign: CampaignView | null; defaultSender: string; zone: string; unicodeDetection: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveCampaign();
  const [step, setStep] = useState(0);
  const [name, setName] = useState(campaign?.name ?? '');
  const [sender, setSender] = useState(campaign?.sender ?? defaultSender);
  const [listIds, setListIds] = useState<number[]>(campaign?.listIds ?? []);
  const [rows, setRows] = useState<PlaceholderRow[]>(rowsOf(campaign));
  const [text, setText] = useState(campaign?.text ?? '');
  const [schedule, setSchedule] = useState(campaign?.scheduleAt ? utcToWallTime(Date.parse(campaign.scheduleAt), campaign.timeZone ?? zone) : '');
  const [trafficAccountId, setTrafficAccountId] = useState<number | null>(campaign?.trafficAccountId ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedId, setSavedId] = useState<number | null>(campaign?.id ?? null);

  const lists = useLists({ search: '', page: 1, perPage: 100 }).data?.lists ?? [];
  const chosen = lists.filter((l) => listIds.includes(l.id));
  const columns = [...new Set(chosen.flatMap((l) => l.placeholders))];
  const recipients = chosen.reduce((n, l) => n + l.recipients, 0);

  function step1Problems(): Record<string, string> {
    const p: Record<string, string> = {};
    if (name.trim().length < CAMPAIGN_NAME_MIN || name.trim().length > CAMPAIGN_NAME_MAX) p.name = t('campaigns.nameRule', { min: CAMPAIGN_NAME_MIN, max: CAMPAIGN_NAME_MAX });
    if (sender.trim() && !checkSender(sender.trim()).ok) p.sender = t('errors.sender_invalid');
    if (listIds.length === 0) p.listIds = t('campaigns.listsRequired');
    return p;
  }

  async function persist(next: number | 'done') {
    const p = next === 1 ? step1Problems() : {};
    const at = schedule ? wallTimeToUtc(schedule, zone) : null;
    if (schedule && at === null) p.scheduleAt = t('campaigns.scheduleInvalid');
    setErrors(p);
    if (Object.keys(p).length) return;
    const personalization = {
      columns: Object.fromEntries(rows.filter((r) => r.column).map((r) => [r.name, r.column!])),
      fallbacks: Object.fromEntries(rows.filter((r) => r.fallback).map((r) => [r.name, r.fallback])),
    };
    const fields = { name: name.trim(), sender: sender.trim() || null, listIds, personalization, text, trafficAccountId, scheduleAt: at === null ? null : new Date(at).toISOString(), timeZone: zone };
    try {
      const saved = await save.mutateAsync({ id: savedId, fields });
      setSavedId(saved.id);
      if (next === 'done') {
        notifications.show({ color: 'green', message: t('campaigns.saved', { name: saved.name }) });
        navigate('/campaigns');
      } else setStep(next);
    } catch (err) {
      const field = err instanceof ApiFailure && err.field ? err.field : 'form';
      setErrors({ [field.startsWith('personalization') ? 'personalization' : field]: messageOf(err) });
      if (['name', 'sender', 'listIds'].includes(field) || field.startsWith('personalization')) setStep(0);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void persist(step === 0 ? 1 : 'done');
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={960}>
        <Title order={1} size="h2">
          {campaign ? t('campaigns.editTitle', { name: campaign.name }) : t('campaigns.createTitle')}
        </Title>
        <Stepper active={step} onStepClick={(s) => (s === 0 ? setStep(0) : void persist(1))} size="sm">
          <Stepper.Step label={t('campaigns.step1')} />
          <Stepper.Step label={t('campaigns.step2')} />
        </Stepper>
        {step === 0 ? (
          <Stack>
            <TextInput
              label={t('campaigns.name')}
              required
              value={name}
              onChange={(e) => (setName(e.currentTarget.value), setErrors({ ...errors, name: '' }))}
              error={errors.name}
              description={`${name.length}/${CAMPAIGN_NAME_MAX}`}
              data-autofocus
            />
            <TextInput
              label={t('campaigns.sender')}
              description={t('campaigns.senderHint')}
              value={sender}
              onChange={(e) => (setSender(e.currentTarget.value), setErrors({ ...errors, sender: '' }))}
              error={errors.sender}
              maw={320}
            />
            <ListPicker chosen={listIds} onChange={(ids) => (setListIds(ids), setErrors({ ...errors, listIds: '' }))} error={errors.listIds} />
            <Personalize rows={rows} onChange={setRows} columns={columns} error={errors.personalization} />
          </Stack>
        ) : (
          <MessageStep
            campaignId={savedId}
            text={text}
            setText={setText}
            placeholders={[...new Set([...rows.map((r) => r.name), ...columns])]}
            recipients={recipients}
            sender={sender}
            unicodeDetection={unicodeDetection}
            schedule={schedule}
            setSchedule={setSchedule}
            zone={zone}
            trafficAccountId={trafficAccountId}
            setTrafficAccountId={setTrafficAccountId}
            errors={errors}
          />
        )}
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => (step === 1 ? setStep(0) : navigate('/campaigns'))}>
            {step === 1 ? t('campaigns.back') : t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {step === 0 ? t('campaigns.next') : t('campaigns.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MessageStep(p: {
  campaignId: number | null;
  text: string;
  setText: (t: string) => void;
  placeholders: string[];
  recipients: number;
  sender: string;
  unicodeDetection: boolean;
  schedule: string;
  setSchedule: (s: string) => void;
  zone: string;
  trafficAccountId: number | null;
  setTrafficAccountId: (id: number | null) => void;
  errors: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLTextAreaElement>(null);
  const templates = useTemplates({ search: '', page: 1, perPage: 100 }).data?.templates ?? [];
  const accounts = (useTrafficAccounts().data ?? []).filter((a) => a.type === 'campaign' && a.status === 'active');
  const [n, setN] = useState(0);
  // The server renders and prices what is typed once typing pauses, not at every key.
  const [typed] = useDebouncedValue(p.text, 300);
  const preview = usePreview(p.campaignId, typed, n);
  const estimate = useEstimate(p.campaignId, typed, p.trafficAccountId).data;
  const count = messageCount(p.text, p.unicodeDetection);
  const unknown = placeholdersIn(p.text).filter((x) => !p.placeholders.some((q) => q.toLowerCase() === x.toLowerCase()));

  /** Puts `insert` where the cursor is (or at the end), as the seed's buttons do. */
  function insert(insertText: string) {
    const el = box.current;
    const at = el?.selectionStart ?? p.text.length;
    const end = el?.selectionEnd ?? at;
    p.setText(p.text.slice(0, at) + insertText + p.text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + insertText.length, at + insertText.length);
    });
  }

  const total = preview.data?.total ?? 0;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Stack>
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button variant="light" size="xs" disabled={p.placeholders.length === 0}>
                {t('campaigns.placeholdersButton')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {p.placeholders.map((x) => (
                <Menu.Item key={x} onClick={() => insert(`{${x}}`)}>{`{${x}}`}</Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Menu>
            <Menu.Target>
              <Button variant="light" size="xs" disabled={templates.length === 0}>
                {t('campaigns.templatesButton')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {templates.map((tp) => (
                <Menu.Item key={tp.id} onClick={() => insert(tp.text)}>
                  {tp.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Textarea ref={box} label={t('campaigns.message')} value={p.text} onChange={(e) => p.setText(e.currentTarget.value)} error={p.errors.text} autosize minRows={5} maxRows={14} dir="auto" />
        <Group gap="lg" aria-live="polite">
          <Text size="sm">{t('campaigns.partsPerRecipient', { count: count.parts })}</Text>
          <Text size="sm">{t('campaigns.characters', { count: count.characters })}</Text>
          <Text size="sm">{t('campaigns.recipientsCount', { n: p.recipients.toLocaleString(i18n.language) })}</Text>
          {count.unicode && <Badge variant="light">{t('templates.unicode')}</Badge>}
        </Group>
        <Text size="sm" fw={500}>
          {estimate?.cost
            ? t('campaigns.cost', { cost: Number(estimate.cost).toLocaleString(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 4 }), currency: estimate.currency })
            : t('campaigns.costNeedsAccount')}
          {estimate?.cost && estimate.unpriced > 0 ? ` · ${t('campaigns.unpriced', { n: estimate.unpriced.toLocaleString(i18n.language) })}` : ''}
        </Text>
        {unknown.length > 0 && (
          <Alert color="yellow" title={t('campaigns.unknownTitle')}>
            {t('campaigns.unknown', { names: unknown.map((x) => `{${x}}`).join(', ') })}
          </Alert>
        )}
        <TextInput
          type="datetime-local"
          label={t('campaigns.schedule')}
          description={t('campaigns.scheduleHint', { zone: p.zone })}
          value={p.schedule}
          onChange={(e) => p.setSchedule(e.currentTarget.value)}
          error={p.errors.scheduleAt}
          maw={320}
        />
        <Select
          label={t('campaigns.trafficAccount')}
          description={t('campaigns.trafficAccountHint')}
          data={accounts.map((a) => ({ value: String(a.id), label: `${a.displayName} (${a.name})` }))}
          value={p.trafficAccountId === null ? null : String(p.trafficAccountId)}
          onChange={(v) => p.setTrafficAccountId(v ? Number(v) : null)}
          error={p.errors.trafficAccountId}
          clearable
          maw={320}
        />
      </Stack>
      <Stack align="center">
        <Paper withBorder radius={28} p="md" w={300} mih={420} role="figure" aria-label={t('campaigns.phonePreview')} style={{ background: 'var(--mantine-color-gray-0)' }}>
          <Stack gap="xs">
            <Text ta="center" fw={600} size="sm">
              {p.sender || '—'}
            </Text>
            <Text size="xs" ta="center" c="dimmed">
              {preview.data?.phone ?? t('campaigns.noRecipient')}
            </Text>
            {preview.data?.text ? (
              <Paper radius="lg" p="sm" bg="white" shadow="xs" dir="auto" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                <Text size="sm">{preview.data.text}</Text>
              </Paper>
            ) : null}
            {preview.data && preview.data.missing.length > 0 && (
              <Text size="xs" c="orange">
                {t('campaigns.missing', { names: preview.data.missing.map((x) => `{${x}}`).join(', ') })}
              </Text>
            )}
          </Stack>
        </Paper>
        <Group>
          <Button variant="subtle" leftSection={<IconChevronLeft size={16} />} onClick={() => setN(Math.max(0, n - 1))} disabled={n === 0}>
            {t('campaigns.previous')}
          </Button>
          <Text size="sm">{t('campaigns.recipientOf', { n: total ? (preview.data?.index ?? n) + 1 : 0, total })}</Text>
          <Button variant="subtle" rightSection={<IconChevronRight size={16} />} onClick={() => setN(Math.min(total - 1, n + 1))} disabled={n >= total - 1}>
            {t('campaigns.nextRecipient')}
          </Button>
        </Group>
      </Stack>
    </SimpleGrid>
  );
}

function CampaignSummary({ campaign }: { campaign: CampaignView }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack maw={720}>
      <Group>
        <Title order={1} size="h2">
          {campaign.name}
        </Title>
        <Badge color={STATUS_COLOR[campaign.status]} variant="light">
          {t(`campaigns.statuses.${campaign.status as 'draft'}`)}
        </Badge>
      </Group>
      {campaign.statusReason && <Alert color="orange">{campaign.statusReason}</Alert>}
      <Text>
        {t('campaigns.sender')}: {campaign.sender ?? '—'}
      </Text>
      <Text>
        {t('campaigns.scheduled')}: {campaign.scheduleAt ? formatDateTime(campaign.scheduleAt, i18n.language, campaign.timeZone ?? undefined) : '—'}
      </Text>
      <Paper withBorder p="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
        {campaign.text}
      </Paper>
    </Stack>
  );
}
