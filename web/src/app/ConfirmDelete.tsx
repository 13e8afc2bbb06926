// "Delete X?" with Cancel and a red Delete, as every page that deletes asks it: the deletion
// runs, says so or says why not, and the dialog closes either way.

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../lib/http.ts';

export function ConfirmDelete(p: { title: string; body: string; confirm: string; done: string; run: () => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  async function confirm() {
    setPending(true);
    try {
      await p.run();
      notifications.show({ color: 'green', message: p.done });
    } catch (e) {
      notifications.show({ color: 'red', message: messageOf(e) });
    } finally {
      p.onClose();
    }
  }
  return (
    <Modal opened onClose={p.onClose} title={p.title}>
      <Stack>
        <Text>{p.body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={() => void confirm()}>
            {p.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
