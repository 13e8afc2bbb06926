import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text>{t('common.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('common.home')}
      </Anchor>
    </Stack>
  );
}
