// White-label (the operator's): the product name, the primary colour and the logo, shown on
// the login page, in the app and in mail.

import { Button, ColorInput, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { colorProblem, productNameProblem } from '../../../../src/domain/branding.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { readImage } from '../../lib/image.ts';
import { useBranding, useChangeBranding } from './api.ts';
import { Logo } from './Brand.tsx';

export default function BrandingPage() {
  const brand = useBranding();
  if (brand.isPending) return <PageLoader />;
  if (brand.isError) return <ErrorPage error={brand.error} retry={() => void brand.refetch()} />;
  return <BrandingForm productName={brand.data.productName} primaryColor={brand.data.primaryColor} />;
}

function BrandingForm(initial: { productName: string; primaryColor: string }) {
  const { t } = useTranslation();
  const change = useChangeBranding();
  const [name, setName] = useState(initial.productName);
  const [color, setColor] = useState(initial.primaryColor);
  const [errors, setErrors] = useState<{ productName?: string; primaryColor?: string; logo?: string }>({});
  const done = () => notifications.show({ color: 'green', message: t('branding.saved') });
  const failed = (e: Error) => setErrors(e instanceof ApiFailure && e.field ? { [e.field]: messageOf(e) } : { productName: messageOf(e) });

  function save(e: FormEvent) {
    e.preventDefault();
    const found = { ...(productNameProblem(name) ? { productName: productNameProblem(name)! } : {}), ...(colorProblem(color) ? { primaryColor: colorProblem(color)! } : {}) };
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate({ productName: name.trim(), primaryColor: color }, { onSuccess: done, onError: failed });
  }
  async function logo(file: File | null) {
    if (!file) return;
    const image = await readImage(file);
    if ('problem' in image) return setErrors({ logo: image.problem });
    setErrors({});
    change.mutate({ logo: image.url }, { onSuccess: done, onError: failed });
  }

  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        {t('branding.title')}
      </Title>
      <Text size="sm">{t('branding.intro')}</Text>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label={t('branding.productName')} value={name} onChange={(e) => (setName(e.currentTarget.value), setErrors({}))} error={errors.productName} />
          <ColorInput label={t('branding.primaryColor')} value={color} onChange={(v) => (setColor(v), setErrors({}))} error={errors.primaryColor} format="hex" />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('branding.save')}
            </Button>
            <Button
              variant="subtle"
              onClick={() =>
                change.mutate(
                  { productName: null, primaryColor: null, logo: null },
                  {
                    onSuccess: (b) => {
                      setName(b.productName);
                      setColor(b.primaryColor);
                      done();
                    },
                  },
                )
              }
            >
              {t('branding.reset')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Group align="flex-end">
        <Logo size={48} />
        <FileInput label={t('branding.logo')} description={t('branding.logoHint')} accept="image/png,image/jpeg,image/webp" onChange={logo} error={errors.logo} w={320} />
      </Group>
    </Stack>
  );
}
