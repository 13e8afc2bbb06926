// The Select Contacts List panel (seed: Create Campaign, Recipients): search, pages, a checkbox
// per list with its recipients, how many recipients the choice makes; Save or Cancel.

import { Badge, Button, Checkbox, Group, Modal, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLists } from '../lists/api.ts';

const PER_PAGE = 10;

export function ListPicker({ chosen, onChange, error }: { chosen: number[]; onChange: (ids: number[]) => void; error: string | undefined }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const all = useLists({ search: '', page: 1, perPage: 100 }).data?.lists ?? [];
  const names = all.filter((l) => chosen.includes(l.id));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('campaigns.recipients')}
      </Text>
      <Group>
        <Button variant="light" onClick={() => setOpen(true)}>
          {t('campaigns.selectLists')}
        </Button>
        {names.map((l) => (
          <Badge key={l.id} variant="outline" size="lg">
            {l.name}: {l.recipients.toLocaleString(i18n.language)}
          </Badge>
        ))}
      </Group>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {open && <Panel chosen={chosen} onClose={() => setOpen(false)} onSave={(ids) => (onChange(ids), setOpen(false))} />}
    </Stack>
  );
}

function Panel({ chosen, onClose, onSave }: { chosen: number[]; onClose: () => void; onSave: (ids: number[]) => void }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<number[]>(chosen);
  // The seed's panel searches as it types; the lists API matches the exact name, so the page filters what it has.
  const every = useLists({ search: '', page: 1, perPage: 100 }).data?.lists ?? [];
  const shown = every.filter((l) => l.name.toLowerCase().includes(search.trim().toLowerCase()));
  const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
  const onPage = shown.slice((Math.min(page, pages) - 1) * PER_PAGE, Math.min(page, pages) * PER_PAGE);
  const recipients = every.filter((l) => picked.includes(l.id)).reduce((n, l) => n + l.recipients, 0);
  return (
    <Modal opened onClose={onClose} title={t('campaigns.selectLists')} size="lg">
      <Stack>
        <TextInput
          label={t('campaigns.searchLists')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))}
          type="search"
          data-autofocus
        />
        <Table>
          <Table.Tbody>
            {onPage.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Checkbox label={l.name} checked={picked.includes(l.id)} onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, l.id] : picked.filter((x) => x !== l.id))} />
                </Table.Td>
                <Table.Td ta="right">{t('campaigns.listRecipients', { n: l.recipients.toLocaleString(i18n.language) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Text size="sm" aria-live="polite">
            {t('campaigns.selectedRecipients', { n: recipients.toLocaleString(i18n.language) })}
          </Text>
          <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => onSave(picked)}>{t('campaigns.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
