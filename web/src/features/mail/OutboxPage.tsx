// The mail outbox: every mail Petrel sent or keeps, newest first. Without an SMTP server this is
// where an administrator finds an invitation's link to pass on; a mail's text is shown with its
// links clickable until the mail is sent (then the text is not kept).

import { Alert, Anchor, Badge, Button, Code, Group, Modal, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxView } from '../../../../src/contracts/users.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { useDateTime } from '../session/api.ts';
import { useOutbox } from './api.ts';

export default function OutboxPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const outbox = useOutbox();
  const [open, setOpen] = useState<OutboxView | null>(null);
  if (outbox.isPending) return <PageLoader />;
  if (outbox.isError) return <ErrorPage error={outbox.error} retry={() => void outbox.refetch()} />;
  const mails = outbox.data.pages.flatMap((p) => p.mails);
  const smtp = outbox.data.pages[0]?.delivery === 'smtp';

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('outbox.title')}
      </Title>
      <Alert data-tour="mailOutbox.delivery" color={smtp ? 'blue' : 'yellow'}>
        {smtp ? t('outbox.smtp') : t('outbox.noSmtp')}
      </Alert>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('outbox.created')}</Table.Th>
            <Table.Th>{t('outbox.to')}</Table.Th>
            <Table.Th data-tour="mailOutbox.subject">{t('outbox.subject')}</Table.Th>
            <Table.Th data-tour="mailOutbox.status">{t('outbox.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mails.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t('outbox.empty')}</Table.Td>
            </Table.Tr>
          )}
          {mails.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{dateTime(m.createdAt)}</Table.Td>
              <Table.Td>{m.to}</Table.Td>
              <Table.Td>
                <UnstyledButton onClick={() => setOpen(m)} aria-label={t('outbox.show', { to: m.to })} c="violet" td="underline">
                  {m.subject}
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                {m.sentAt ? (
                  <Badge color="green" variant="light">
                    {t('outbox.sent', { at: dateTime(m.sentAt) })}
                  </Badge>
                ) : m.error ? (
                  <Text size="sm" c="red">
                    {t('outbox.failed', { error: m.error })}
                  </Text>
                ) : (
                  <Badge color="yellow" variant="light">
                    {t('outbox.waiting')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {outbox.hasNextPage && (
        <Group>
          <Button variant="light" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
            {t('outbox.more')}
          </Button>
        </Group>
      )}
      {open && (
        <Modal opened onClose={() => setOpen(null)} title={open.subject} size="lg">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('outbox.to')}: {open.to}
            </Text>
            {open.body === null ? <Text>{t('outbox.bodyGone')}</Text> : <MailText text={open.body} />}
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

/** The mail's plain text with its links clickable. */
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <Anchor key={i} href={part}>
            {part}
          </Anchor>
        ) : (
          part
        ),
      )}
    </Code>
  );
}
