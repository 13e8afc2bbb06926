// Applies the white-label to the whole app: the theme's primary colour, the product's name in
// every string that says it, the page title and the favicon.

import { createTheme, MantineProvider } from '@mantine/core';
import { palette } from '../../lib/palette.ts';
import { useEffect, useMemo, type ReactNode } from 'react';
import { i18n } from '../../lib/i18n.ts';
import { LANGUAGES } from '../../lib/i18n.ts';
import { PETRELS_OWN, useBranding } from './api.ts';

export function Brand({ children }: { children: ReactNode }) {
  const brand = useBranding().data ?? PETRELS_OWN;
  const theme = useMemo(() => createTheme({ colors: { brand: palette(brand.primaryColor) }, primaryColor: 'brand', defaultRadius: 'md' }), [brand.primaryColor]);
  useEffect(() => {
    for (const l of LANGUAGES) i18n.addResource(l.code, 'translation', 'product', brand.productName);
    void i18n.changeLanguage(i18n.language);
    document.title = brand.productName;
    const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (icon) {
      icon.href = brand.hasLogo ? `/api/v1/branding/logo?name=${encodeURIComponent(brand.productName)}` : '/favicon.svg';
      icon.type = brand.hasLogo ? '' : 'image/svg+xml';
    }
  }, [brand]);
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}

/** The logo in the header and on the login page. */
export function Logo({ size }: { size: number }) {
  const brand = useBranding().data ?? PETRELS_OWN;
  return <img src={brand.hasLogo ? '/api/v1/branding/logo' : '/favicon.svg'} alt={brand.hasLogo ? brand.productName : ''} width={size} height={size} style={{ objectFit: 'contain' }} />;
}
