// Items per page and the page links under a table (seed: "10/25/50 per page and paging").
// Choosing a page size goes back to the first page; a page past the end shows the last.

import { Group, Pagination, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Pager(p: { total: number; page: number; perPage: number; sizes: readonly number[]; onPage: (page: number) => void; onPerPage: (perPage: number) => void; tour?: string }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  return (
    <Group justify="flex-end">
      <Select
        data-tour={p.tour}
        label={t('common.perPage')}
        data={p.sizes.map(String)}
        value={String(p.perPage)}
        onChange={(v) => p.onPerPage(Number(v ?? p.sizes[0]))}
        allowDeselect={false}
        w={140}
      />
      <Pagination total={pages} value={Math.min(p.page, pages)} onChange={p.onPage} mt="lg" />
    </Group>
  );
}
