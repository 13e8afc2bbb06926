import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function HelpPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('help.title')}
      </Title>
      <Text>{t('help.intro', { product: t('product') })}</Text>
      <Text>{t('help.signIn')}</Text>
      <Text>{t('help.menu')}</Text>
      <Text>{t('help.api')}</Text>
      <Anchor href="/docs" target="_blank">
        {t('help.apiLink')}
      </Anchor>
    </Stack>
  );
}
