// Mail out through an SMTP server (nodemailer), configured by PETREL_SMTP_URL
// (smtp://user:pass@host:587, smtps://… for TLS from the start) and PETREL_MAIL_FROM.

import nodemailer from 'nodemailer';
import type { MailTransport } from '../people/ports.ts';

export function smtpTransport(url: string, from: string): MailTransport & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async deliver(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
