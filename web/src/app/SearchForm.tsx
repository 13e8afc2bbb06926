// The seed's search bar: type, then Search (or Enter); Clear empties it where a page has one.
// What is typed stays here until searched; the page holds what is searched for.

import { Button, Group, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function SearchForm(p: { label: string; onSearch: (text: string) => void; onClear?: () => void; tour?: string; width?: number; children?: ReactNode }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    p.onSearch(typed.trim());
  }
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput data-tour={p.tour} label={p.label} leftSection={<IconSearch size={16} />} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} type="search" w={p.width ?? 320} />
        {p.children}
        <Button type="submit" variant="light">
          {t('common.search')}
        </Button>
        {p.onClear && (
          <Button
            variant="subtle"
            onClick={() => {
              setTyped('');
              p.onClear?.();
            }}
          >
            {t('common.clear')}
          </Button>
        )}
      </Group>
    </form>
  );
}
