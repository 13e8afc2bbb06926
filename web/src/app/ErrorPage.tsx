import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ErrorPage({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack p="xl" maw={560}>
      <Alert color="red" role="alert">
        {t('common.failed', { message: error.message })}
      </Alert>
      {retry && (
        <Button variant="light" onClick={retry} w="fit-content">
          {t('common.retry')}
        </Button>
      )}
    </Stack>
  );
}
