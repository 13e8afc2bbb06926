// White-label over HTTP on both dialects: anyone reads it, only the operator changes it, each
// value is checked, the logo is served as the image it is, and mail speaks the product's name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/dialects.ts';
import { client } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

forEachDialect('management API v1: white-label', (dialect) => {
  const p = serverForSuite(dialect);
  const { call, signIn } = client(() => p.url);

  test('Petrel by default; the operator renames, recolours and sets a logo; mail follows', async () => {
    assert.deepEqual((await call('GET', '/api/v1/branding')).json, { productName: 'Petrel', primaryColor: '#7048e8', hasLogo: false });
    assert.equal((await call('GET', '/api/v1/branding/logo')).status, 404);
    const changed = await call('PATCH', '/api/v1/branding', { key: p.key, body: { productName: ' Acme SMS ', primaryColor: '#0B7285', logo: `data:image/png;base64,${PNG.toString('base64')}` } });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.json, { productName: 'Acme SMS', primaryColor: '#0b7285', hasLogo: true });
    const logo = await fetch(`${p.url}/api/v1/branding/logo`);
    assert.deepEqual([logo.status, logo.headers.get('content-type'), Buffer.from(await logo.arrayBuffer()).equals(PNG)], [200, 'image/png', true]);
    const admin = await signIn('admin@petrel.local', p.petrel.bootstrapAdmin!.password);
    assert.equal((await call('POST', '/api/v1/users', { ...admin, body: { name: 'Wil', email: 'wil@acme.example', role: 'analyst' } })).status, 201);
    const mail = (await call('GET', '/api/v1/mail/outbox', { key: p.key })).json.mails.find((m: { to: string }) => m.to === 'wil@acme.example');
    assert.equal(mail.subject, 'You are invited to Acme SMS');
    assert.match(mail.body, /invited you to Acme SMS/);
    const back = await call('PATCH', '/api/v1/branding', { key: p.key, body: { productName: null, primaryColor: null, logo: null } });
    assert.deepEqual(back.json, { productName: 'Petrel', primaryColor: '#7048e8', hasLogo: false });
  });

  test('only the operator changes it; each value is checked and named', async () => {
    await p.tenancy.createAccount('tenant', { name: 'main', displayName: 'Tenant', type: 'api' });
    const theirs = (await p.tenancy.createKey({ accountName: 'tenant', trafficAccountName: 'main', role: 'admin' })).key;
    assert.equal((await call('PATCH', '/api/v1/branding', { key: theirs, body: { productName: 'Mine now' } })).status, 403);
    for (const [body, field] of [
      [{ productName: '   ' }, 'productName'],
      [{ productName: '<script>' }, 'productName'],
      [{ productName: 'x'.repeat(41) }, 'productName'],
      [{ primaryColor: 'purple' }, 'primaryColor'],
      [{ primaryColor: '#12345' }, 'primaryColor'],
      [{ logo: 'data:image/svg+xml;base64,PHN2Zy8+' }, 'logo'],
      [{ logo: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}` }, 'logo'],
      [{ favicon: 'x' }, 'favicon'],
    ] as const) {
      const r = await call('PATCH', '/api/v1/branding', { key: p.key, body });
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.match(r.text, new RegExp(field));
    }
    // An empty value is the same as null: Petrel's own (the validator reads '' as null).
    assert.equal((await call('PATCH', '/api/v1/branding', { key: p.key, body: { productName: '' } })).json.productName, 'Petrel');
  });
});
