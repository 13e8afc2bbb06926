// Where reports and forwards may go. No imports beyond domain/: contracts/ (and so the
// browser app) read the length limit.

import { ValidationError } from './errors.ts';

/** The longest callback or inbound URL Petrel keeps. */
export const MAX_WEBHOOK_URL = 2048;

/**
 * A URL a report or a forward may be sent to: http(s), with a host, at most MAX_WEBHOOK_URL
 * characters; its placeholders (`~msgid~`, `<to>`, `$status`) may stand anywhere. Empty or
 * absent: none, which is fine. Otherwise a ValidationError naming `field`.
 */
export function checkWebhookUrl(url: string | null | undefined, field: string): void {
  if (!url) return;
  let ok = url.length <= MAX_WEBHOOK_URL;
  try {
    const u = new URL(url);
    ok &&= (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) throw new ValidationError('invalid_parameter', field, `${field} must be an http(s) URL of at most ${MAX_WEBHOOK_URL} characters`);
}
