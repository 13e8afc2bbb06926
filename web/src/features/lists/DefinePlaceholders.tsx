// Define placeholders (seed: the second screen of Create Distribution List): the first rows of
// the upload, a placeholder name per column, the column of the phone numbers, whether the first
// row is a header, and the country of numbers written without their country code.

import { Button, Checkbox, Group, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mappingProblem } from '../../../../src/domain/contacts.ts';
import { COUNTRY_CODES } from '../../../../src/domain/countries.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { type Uploaded, useStartImport } from './api.ts';

/** The browser's region: the likely country of a list's national numbers. */
function browserCountry(): string | null {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? null;
  } catch {
    return null;
  }
}

export function DefinePlaceholders({ title, listId, uploaded, onBack, onDone }: { title: string; listId: number; uploaded: Uploaded; onBack: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { preview } = uploaded;
  const start = useStartImport();
  const [placeholders, setPlaceholders] = useState(preview.placeholders);
  const [phoneColumn, setPhoneColumn] = useState(preview.phoneColumn);
  const [header, setHeader] = useState(preview.header);
  const [country, setCountry] = useState<string | null>(browserCountry());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    return COUNTRY_CODES.map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [i18n.language]);
  const columns = Array.from({ length: preview.columns }, (_, i) => i);
  const columnName = (i: number) => t('lists.column', { n: i + 1 });

  function finish(e: FormEvent) {
    e.preventDefault();
    const mapping = { placeholders: placeholders.map((p) => p.trim()), phoneColumn, defaultCountry: country };
    const problem = mappingProblem(mapping, preview.columns);
    if (problem) return setErrors({ [problem.field]: problem.message });
    start.mutate(
      { id: listId, importId: uploaded.import.id, start: { ...mapping, header } },
      { onSuccess: onDone, onError: (err) => setErrors({ [err instanceof ApiFailure && err.field ? err.field : 'form']: messageOf(err) }) },
    );
  }

  return (
    <form onSubmit={finish} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Title order={2} size="h4">
          {t('lists.define')}
        </Title>
        <Text size="sm">{t('lists.defineHint')}</Text>
        <ScrollArea>
          <Table withTableBorder withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                {columns.map((i) => (
                  <Table.Th key={i} miw={160}>
                    <TextInput
                      label={t('lists.placeholderOf', { column: columnName(i) })}
                      value={placeholders[i] ?? ''}
                      onChange={(e) => {
                        const next = [...placeholders];
                        next[i] = e.currentTarget.value;
                        setPlaceholders(next);
                        setErrors({});
                      }}
                      error={errors[`placeholders/${i}`]}
                    />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the preview's rows are fixed, in file order
                <Table.Tr key={r} c={header && r === 0 ? 'dimmed' : undefined}>
                  {columns.map((i) => (
                    <Table.Td key={i} fw={i === phoneColumn ? 600 : undefined}>
                      {row[i] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        {errors.placeholders && (
          <Text c="red" size="sm" role="alert">
            {errors.placeholders}
          </Text>
        )}
        <Group align="flex-start">
          <Select
            label={t('lists.phoneColumn')}
            data={columns.map((i) => ({ value: String(i), label: `${columnName(i)}: ${placeholders[i] ?? ''}` }))}
            value={String(phoneColumn)}
            onChange={(v) => (setPhoneColumn(Number(v ?? 0)), setErrors({}))}
            allowDeselect={false}
            error={errors.phoneColumn}
            w={260}
          />
          <Select
            label={t('lists.defaultCountry')}
            description={t('lists.defaultCountryHint')}
            data={countries}
            value={country}
            onChange={(v) => (setCountry(v), setErrors({}))}
            searchable
            clearable
            error={errors.defaultCountry}
            w={320}
          />
        </Group>
        <Checkbox label={t('lists.header')} checked={header} onChange={(e) => setHeader(e.currentTarget.checked)} />
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack}>
            {t('lists.back')}
          </Button>
          <Button type="submit" loading={start.isPending}>
            {t('lists.finish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
