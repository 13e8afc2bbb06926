// Personalize (seed: Create Campaign): a placeholder is defined and added, then mapped to a
// column of the chosen lists, with a fallback for recipients whose field is empty. The seed
// allows two; Petrel any number.

import { ActionIcon, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeholderProblem } from '../../../../src/domain/contacts.ts';

export interface PlaceholderRow {
  name: string;
  column: string | null;
  fallback: string;
}

export function Personalize({ rows, onChange, columns, error }: { rows: PlaceholderRow[]; onChange: (rows: PlaceholderRow[]) => void; columns: string[]; error: string | undefined }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(rows.length > 0);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const n = name.trim();
    const p = placeholderProblem(n) ?? (rows.some((r) => r.name.toLowerCase() === n.toLowerCase()) ? t('campaigns.placeholderTaken', { name: n }) : null);
    setProblem(p);
    if (p) return;
    onChange([...rows, { name: n, column: columns.find((c) => c.toLowerCase() === n.toLowerCase()) ?? null, fallback: '' }]);
    setName('');
  }
  const set = (i: number, change: Partial<PlaceholderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <Stack gap="xs">
      <Checkbox label={t('campaigns.personalize')} checked={on} onChange={(e) => (setOn(e.currentTarget.checked), e.currentTarget.checked || onChange([]))} />
      {on && (
        <Stack gap="xs" pl="lg">
          <Group align="flex-end">
            <TextInput
              label={t('campaigns.definePlaceholder')}
              value={name}
              onChange={(e) => (setName(e.currentTarget.value), setProblem(null))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.preventDefault(), add();
              }}
              error={problem}
              w={240}
            />
            <Button variant="light" onClick={add}>
              {t('campaigns.add')}
            </Button>
          </Group>
          {rows.map((r, i) => (
            <Group key={r.name} align="flex-end">
              <Text w={160} fw={500}>{`{${r.name}}`}</Text>
              <Select label={t('campaigns.mapTo', { placeholder: `{${r.name}}` })} data={columns} value={r.column} onChange={(v) => set(i, { column: v })} clearable w={200} />
              <TextInput label={t('campaigns.fallbackOf', { placeholder: `{${r.name}}` })} value={r.fallback} onChange={(e) => set(i, { fallback: e.currentTarget.value })} w={200} />
              <ActionIcon variant="subtle" color="red" aria-label={t('campaigns.removePlaceholder', { name: r.name })} onClick={() => onChange(rows.filter((_, j) => j !== i))} mb={4}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ))}
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
