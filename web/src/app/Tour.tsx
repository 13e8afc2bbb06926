// The tooltips tour (seed: Toolbar): a dark box by each field of the page in turn, with Next and
// a counter (Next 1/8) and Exit. Escape exits too; the field is scrolled into view and outlined.

import { Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOURS, tourKey, tourTarget } from './tour.ts';

export function Tour({ path, onExit }: { path: string; onExit: () => void }) {
  const { t } = useTranslation();
  const page = tourKey(path);
  const [steps] = useState(() => (TOURS[path] ?? []).filter((s) => document.querySelector(tourTarget(page, s.step))));
  const [index, setIndex] = useState(0);
  const [box, setBox] = useState<DOMRect | null>(null);
  const step = steps[index];

  useLayoutEffect(() => {
    if (!step) return;
    const el = document.querySelector<HTMLElement>(tourTarget(page, step.step));
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.style.outline = '3px solid var(--mantine-color-violet-5)';
    el.style.outlineOffset = '2px';
    setBox(el.getBoundingClientRect());
    return () => {
      el.style.outline = '';
      el.style.outlineOffset = '';
    };
  }, [page, step]);

  // Nothing of the page on screen yet (it is loading): no tour, and say so.
  useEffect(() => {
    if (steps.length === 0) {
      notifications.show({ message: t('tour.none') });
      onExit();
    }
  }, [steps, onExit, t]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onExit();
    // Captured: a tooltip or menu under the box must not swallow the key first.
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  }, [onExit]);

  if (!step || !box) return null;
  const last = index === steps.length - 1;
  return (
    <Paper
      role="dialog"
      aria-label={t('tour.label')}
      bg="dark.6"
      c="white"
      p="md"
      radius="md"
      shadow="lg"
      maw={340}
      style={{ position: 'fixed', zIndex: 400, top: Math.min(box.bottom + 10, window.innerHeight - 160), left: Math.max(10, Math.min(box.left, window.innerWidth - 350)) }}
    >
      <Text size="sm" mb="sm">
        {t(`tour.${page}.${step.step}`)}
      </Text>
      <Group justify="space-between">
        <Button variant="subtle" color="gray.3" size="xs" onClick={onExit}>
          {t('tour.exit')}
        </Button>
        <Button size="xs" color="violet" onClick={() => (last ? onExit() : setIndex(index + 1))} autoFocus>
          {last ? t('tour.done') : t('tour.next', { n: index + 1, of: steps.length })}
        </Button>
      </Group>
    </Paper>
  );
}
