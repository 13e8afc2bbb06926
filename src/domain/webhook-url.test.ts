import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from './errors.ts';
import { checkWebhookUrl, MAX_WEBHOOK_URL } from './webhook-url.ts';

test('http(s) URLs with a host, placeholders anywhere; none is fine', () => {
  for (const u of ['https://crm.example/dlr?id=~msgid~&s=$status', 'http://10.0.0.1:8080/<to>', '', null, undefined]) assert.doesNotThrow(() => checkWebhookUrl(u, 'callback'), String(u));
});

test('anything else is refused, naming the field', () => {
  for (const u of ['ftp://x', 'nope', 'https://', `https://x.example/${'a'.repeat(MAX_WEBHOOK_URL)}`]) {
    assert.throws(
      () => checkWebhookUrl(u, 'inboundUrl'),
      (e: unknown) => e instanceof ValidationError && e.field === 'inboundUrl',
      u.slice(0, 30),
    );
  }
});
