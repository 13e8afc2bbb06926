// Choosing a password (invitation, reset, later Settings): the field, a second one to repeat it,
// and the rule's parts ticked off as the person types — the server's rule, from src/domain.

import { List, PasswordInput, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { passwordChecks, passwordProblem, type PasswordCheck } from '../../../../src/domain/password-rule.ts';

const ORDER: PasswordCheck[] = ['length', 'upper', 'lower', 'digit', 'special'];

export interface NewPasswordValue {
  password: string;
  repeat: string;
}

/** The field-level messages for the two fields, or none when the password may be sent. */
export function newPasswordErrors(v: NewPasswordValue, t: (k: string) => string): { password?: string; repeat?: string } {
  if (passwordProblem(v.password))
    return {
      password:
        t('password.rule') +
        ' ' +
        ORDER.filter((c) => !passwordChecks(v.password)[c])
          .map((c) => t(`password.checks.${c}`))
          .join(', '),
    };
  if (v.password !== v.repeat) return { repeat: t('password.mismatch') };
  return {};
}

export function NewPassword({
  value,
  onChange,
  errors,
  autoFocus = true,
}: {
  value: NewPasswordValue;
  onChange: (v: NewPasswordValue) => void;
  errors: { password?: string | undefined; repeat?: string | undefined };
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const checks = passwordChecks(value.password);
  return (
    <Stack gap="xs">
      <PasswordInput
        label={t('password.new')}
        autoComplete="new-password"
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={errors.password}
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        aria-describedby="password-rule"
        autoFocus={autoFocus}
      />
      <div id="password-rule">
        <Text size="sm">{t('password.rule')}</Text>
        <List size="sm" spacing={2} center>
          {ORDER.map((c) => (
            <List.Item
              key={c}
              icon={
                <ThemeIcon size={16} radius="xl" color={checks[c] ? 'teal' : 'gray'} aria-label={checks[c] ? t('password.met') : t('password.notMet')}>
                  {checks[c] ? <IconCheck size={12} /> : <IconX size={12} />}
                </ThemeIcon>
              }
            >
              {t(`password.checks.${c}`)}
            </List.Item>
          ))}
        </List>
      </div>
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
        error={errors.repeat}
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
      />
    </Stack>
  );
}
