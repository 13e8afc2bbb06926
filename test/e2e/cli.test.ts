// The petrel command's admin verbs against a real database, and its errors.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { forEachDialect, scratch, type Scratch } from '../dialects.ts';
import { bind } from '../../src/smpp/client.ts';
import { startTestPetrel } from '../server.ts';

const BIN = fileURLToPath(new URL('../../bin/petrel.mjs', import.meta.url));

function petrel(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });
  const json = () => {
    try {
      return JSON.parse(r.stdout);
    } catch {
      throw new Error(`petrel ${args.join(' ')} printed no JSON (exit ${r.status}, signal ${r.signal}): ${r.stderr}`);
    }
  };
  return { code: r.status, out: r.stdout, err: r.stderr, json };
}

forEachDialect('petrel CLI: connectors', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('add, list, pause, set, remove; bad values name the option', () => {
    const add = petrel(
      s.env,
      'connectors',
      'add',
      'carrier-a',
      '--host',
      'smsc.example',
      '--port',
      '2775',
      '--system-id',
      'acme',
      '--password',
      'pw',
      '--throughput',
      '50',
      '--long-messages',
      'sar',
      '--tls',
      'true',
    );
    assert.equal(add.code, 0, add.err);
    assert.deepEqual([add.json().name, add.json().throughput, add.json().longMessageMethod, add.json().tls, add.json().passwordSet, add.json().window], ['carrier-a', 50, 'sar', true, true, 10]);
    assert.equal(add.out.includes('"pw"'), false, 'the password is never printed');
    assert.equal(petrel(s.env, 'connectors', 'pause', 'carrier-a').json().paused, true);
    const set = petrel(s.env, 'connectors', 'set', String(add.json().id), '--window', '50', '--source-ton', '0', '--dest-npi', 'auto');
    assert.equal(set.code, 0, set.err);
    assert.deepEqual([set.json().window, set.json().sourceTon, set.json().destNpi, set.json().paused], [50, 0, null, true]);
    assert.deepEqual(
      petrel(s.env, 'connectors', 'list')
        .json()
        .map((c: { name: string }) => c.name),
      ['carrier-a'],
    );
    const bad = petrel(s.env, 'connectors', 'add', 'carrier-b', '--host', 'h', '--port', '99999', '--system-id', 'x', '--password', 'p');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--port: must be <= 65535/);
    assert.match(petrel(s.env, 'connectors', 'set', 'carrier-a', '--tls', 'yes').err, /--tls takes true or false/);
    assert.match(petrel(s.env, 'connectors', 'add', 'carrier-a', '--host', 'h', '--port', '1', '--system-id', 'x', '--password', 'p').err, /exists/);
    assert.match(petrel(s.env, 'connectors', 'show', 'nope').err, /no connector "nope"/);
    assert.deepEqual(petrel(s.env, 'connectors', 'remove', 'carrier-a').json(), { removed: 'carrier-a' });
    assert.deepEqual(petrel(s.env, 'connectors', 'list').json(), []);
  });
});

forEachDialect('petrel CLI: users', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('create prints a first password once; list, pause and unpause; bad values name the option', async (t) => {
    // A first start made the operator's account and first administrator.
    const server = await startTestPetrel(s);
    t.after(() => server.close());
    assert.equal(petrel(s.env, 'accounts', 'create', 'acme').code, 0);
    const made = petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'Ana@Acme.example', '--name', 'Ana Lima', '--role', 'campaign_manager');
    assert.equal(made.code, 0, made.err);
    const ana = made.json();
    assert.deepEqual([ana.email, ana.role, ana.status, ana.account, ana.operator], ['ana@acme.example', 'campaign_manager', 'active', 'acme', false]);
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@acme.example', password: ana.password }),
    });
    assert.equal(signIn.status, 200, 'the printed password signs in');
    assert.deepEqual(
      petrel(s.env, 'users', 'list', '--account', 'acme')
        .json()
        .map((u: { email: string }) => u.email),
      ['ana@acme.example'],
    );
    assert.equal(petrel(s.env, 'users', 'list').json().length, 2, "with the operator's first administrator");
    assert.equal(petrel(s.env, 'users', 'pause', 'ana@acme.example').json().status, 'inactive');
    assert.equal(petrel(s.env, 'users', 'unpause', 'ANA@acme.example').json().status, 'active');
    assert.match(petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'ana@acme.example', '--name', 'Again').err, /exists/);
    assert.match(petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'not-an-email', '--name', 'X').err, /the email is not an address/);
    assert.match(petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'b@acme.example', '--name', 'B', '--role', 'boss').err, /--role is one of administrator/);
    assert.match(
      petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'c@acme.example', '--name', 'C', '--role', 'administrator', '--operator').err,
      /--operator is for an administrator of the operator's account/,
    );
    assert.match(petrel(s.env, 'users', 'pause', 'nobody@acme.example').err, /no user with the email "nobody@acme.example"/);

    // An analyst reads the traffic accounts named for them, and only those.
    assert.equal(petrel(s.env, 'traffic-accounts', 'create', 'acme', 'promo').code, 0);
    assert.match(
      petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'd@acme.example', '--name', 'D', '--traffic-account', 'default,nope').err,
      /--traffic-account: no traffic account nope/,
    );
    assert.equal(petrel(s.env, 'users', 'list', '--account', 'acme').json().length, 1, 'a refused user is not half made');
    const reader = petrel(s.env, 'users', 'create', '--account', 'acme', '--email', 'rita@acme.example', '--name', 'Rita Reader', '--traffic-account', 'promo').json();
    const session = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: reader.email, password: reader.password }),
    });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const seen = (await (await fetch(`${server.url}/api/v1/traffic-accounts`, { headers: { cookie } })).json()) as { trafficAccounts: Array<{ name: string }> };
    assert.deepEqual(
      seen.trafficAccounts.map((ta) => ta.name),
      ['promo'],
    );
  });
});

forEachDialect('petrel CLI: routes', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('add, list, set, disable, remove; connectors by name; bad values name the option', () => {
    for (const name of ['carrier-a', 'carrier-b']) {
      assert.equal(petrel(s.env, 'connectors', 'add', name, '--host', 'h', '--port', '2775', '--system-id', 'x', '--password', 'p').code, 0);
    }
    const add = petrel(
      s.env,
      'routes',
      'add',
      'de-mobile',
      '--connectors',
      'carrier-a:3,carrier-b',
      '--strategy',
      'weighted',
      '--countries',
      'de',
      '--prefixes',
      '+4915,4917',
      '--types',
      'gsm,flash',
      '--buy-price',
      '0.012',
    );
    assert.equal(add.code, 0, add.err);
    const r = add.json();
    assert.deepEqual(
      [r.strategy, r.filters, r.buyPrice, r.connectors.map((c: { weight: number }) => c.weight)],
      ['weighted', { countries: ['DE'], prefixes: ['4915', '4917'], messageTypes: ['gsm', 'flash'] }, '0.012000', [3, 1]],
    );
    const set = petrel(s.env, 'routes', 'set', 'de-mobile', '--strategy', 'failover', '--position', '5', '--buy-price', 'none');
    assert.equal(set.code, 0, set.err);
    assert.deepEqual([set.json().strategy, set.json().position, set.json().buyPrice, set.json().filters.countries], ['failover', 5, null, ['DE']]);
    assert.equal(petrel(s.env, 'routes', 'disable', 'de-mobile').json().enabled, false);
    assert.deepEqual(
      petrel(s.env, 'routes', 'list')
        .json()
        .map((x: { name: string }) => x.name),
      ['de-mobile'],
    );
    const bad = petrel(s.env, 'routes', 'add', 'x', '--connectors', 'carrier-a', '--strategy', 'random');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--strategy/);
    assert.match(petrel(s.env, 'routes', 'add', 'x', '--connectors', 'carrier-a', '--countries', 'DEU').err, /--countries/);
    assert.match(petrel(s.env, 'routes', 'add', 'x', '--connectors', 'nobody').err, /no connector "nobody"/);
    assert.match(petrel(s.env, 'routes', 'add', 'x', '--connectors', 'carrier-a,carrier-a').err, /appears twice/);
    assert.match(petrel(s.env, 'routes', 'add', 'de-mobile', '--connectors', 'carrier-a').err, /exists/);
    assert.deepEqual(petrel(s.env, 'routes', 'remove', 'de-mobile').json(), { removed: 'de-mobile' });
    assert.deepEqual(petrel(s.env, 'routes', 'list').json(), []);
  });
});

forEachDialect('petrel CLI', (dialect) => {
  let s: Scratch;
  before(() => {
    s = scratch(dialect);
  });
  after(() => s.dispose());

  test('migrate, accounts, traffic accounts, keys and prices', async () => {
    assert.equal(petrel(s.env, 'migrate').code, 0);
    const ta = petrel(s.env, 'accounts', 'create', 'acme', '--traffic-account', 'promo', '--sender', 'ACME', '--currency', 'chf', '--conversion-tracking', '--credit-limit', '99.50');
    assert.equal(ta.code, 0, ta.err);
    assert.deepEqual([ta.json().name, ta.json().defaultSender, ta.json().currency, ta.json().conversionTracking, ta.json().creditLimitMicros], ['promo', 'ACME', 'CHF', true, 99_500_000]);
    assert.equal(petrel(s.env, 'traffic-accounts', 'create', 'acme', 'alerts', '--type', 'two_way').code, 0);
    assert.deepEqual(
      petrel(s.env, 'traffic-accounts', 'list', 'acme')
        .json()
        .map((t: { name: string }) => t.name),
      ['promo', 'alerts'],
    );
    const key = petrel(s.env, 'keys', 'create', '--account', 'acme', '--traffic-account', 'promo', '--role', 'sender');
    assert.equal(key.code, 0, key.err);
    const { id, key: secret, prefix } = key.json();
    assert.match(secret, /^ptl_[A-Za-z0-9]{32}$/);
    assert.ok(secret.startsWith(prefix));
    const price = petrel(s.env, 'prices', 'set', '--account', 'acme', '--traffic-account', 'promo', '--country', 'de', '--price', '0.06');
    assert.deepEqual(price.json(), [{ country: 'DE', network: null, priceMicros: 60_000 }]);

    // The key works against a server on the same database, and the price applies.
    const server = await startTestPetrel(s);
    try {
      const sent = await server.post('/sms', { to: '491725551234', text: 'from the CLI' }, { 'x-mitto-api-key': secret });
      assert.equal(sent.json.responseCode, 0, sent.text);
      const m = await server.get(`/api/v1/messages/${sent.json.id}`, { 'x-mitto-api-key': secret });
      assert.deepEqual([m.json.from, m.json.price, m.json.currency], ['ACME', '0.060000', 'CHF']);
    } finally {
      await server.close();
    }
    const listed = petrel(s.env, 'keys', 'list', '--account', 'acme').json();
    assert.equal(listed.length, 1);
    assert.equal(JSON.stringify(listed).includes(secret), false, 'a key list never shows the secret');
    assert.equal(petrel(s.env, 'keys', 'revoke', String(id)).code, 0);
    assert.notEqual(petrel(s.env, 'keys', 'revoke', String(id)).code, 0, 'revoking twice is an error');
    assert.ok(petrel(s.env, 'keys', 'list', '--account', 'acme').json()[0].revokedAt);
  });

  test('usage errors, unknown accounts and bad configuration say what is wrong', () => {
    const unknown = petrel(s.env, 'frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command/);
    const noAccount = petrel(s.env, 'keys', 'create', '--account', 'nobody');
    assert.equal(noAccount.code, 1);
    assert.match(noAccount.err, /account "nobody" not found/);
    const badPrice = petrel(s.env, 'prices', 'set', '--account', 'acme', '--price', 'cheap');
    assert.equal(badPrice.code, 2);
    assert.match(badPrice.err, /--price/);
    const cb = petrel(
      s.env,
      'traffic-accounts',
      'callback',
      'acme',
      'promo',
      '--callback',
      'https://hooks.example/dlr?id=~msgid~',
      '--callback-template',
      '{"Id": "~msgid~"}',
      '--callback-method',
      'post',
    );
    assert.equal(cb.code, 0, cb.err);
    assert.deepEqual([cb.json().callbackUrl, cb.json().callbackMethod, cb.json().callbackTemplate], ['https://hooks.example/dlr?id=~msgid~', 'POST', '{"Id": "~msgid~"}']);
    assert.match(cb.json().callbackSecret, /^[0-9a-f]{64}$/);
    assert.equal(petrel(s.env, 'traffic-accounts', 'callback', 'acme', 'promo').json().callbackSecret, cb.json().callbackSecret, 'the secret stays');
    assert.notEqual(petrel(s.env, 'traffic-accounts', 'set', 'acme', 'promo', '--rotate-secret').json().callbackSecret, cb.json().callbackSecret);
    assert.match(petrel(s.env, 'traffic-accounts', 'callback', 'acme', 'promo', '--callback-template', '{"Id": ~msgid~}').err, /--callback-template: the template does not render to JSON/);
    assert.match(petrel(s.env, 'traffic-accounts', 'callback', 'acme', 'promo', '--callback', 'ftp://x').err, /--callback: must be an http\(s\) URL/);
    const credit = petrel(s.env, 'traffic-accounts', 'set', 'acme', 'promo', '--credit-limit', '25.50', '--inbound-url', 'https://hooks.example/mo');
    assert.deepEqual([credit.json().creditLimitMicros, credit.json().inboundUrl], [25_500_000, 'https://hooks.example/mo']);
    assert.equal(petrel(s.env, 'traffic-accounts', 'set', 'acme', 'promo', '--reset-credit').json().creditUsedMicros, 0);
    assert.equal(petrel(s.env, 'traffic-accounts', 'set', 'acme', 'promo', '--credit-limit', 'none').json().creditLimitMicros, null);
    assert.match(petrel(s.env, 'traffic-accounts', 'set', 'acme', 'promo', '--inbound-url', 'mailto:x').err, /--inbound-url: must be an http\(s\) URL/);
    const badConfig = petrel({ ...s.env, PORT: 'eighty' }, 'start');
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.err, /PORT/);
    assert.match(petrel(s.env, '--help').out, /Usage: petrel/);
  });
});

test('petrel simulator runs standalone: bind, submit, receipt, and a clean stop', async () => {
  const child = spawn(process.execPath, [BIN, 'simulator'], {
    env: { ...process.env, PETREL_SIMULATOR_PORT: '0', PETREL_SIMULATOR_PASSWORD: 'pw', PETREL_SIMULATOR_RECEIPT_DELAY_MS: '10' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on [\d.]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`simulator exited ${code}: ${out}`)));
    });
    const { session } = await bind({ host: '127.0.0.1', port, systemId: 'petrel', password: 'pw' });
    const receipt = once(session, 'request');
    const resp = await session.request('submit_sm', { source_addr: 'Petrel', destination_addr: '491725551234', registered_delivery: 1, short_message: Buffer.from('hi') });
    const [pdu] = (await receipt) as [{ command: string; tlvs: Array<{ name: string; value: unknown }> }];
    assert.equal(pdu.command, 'deliver_sm');
    assert.equal(pdu.tlvs.find((t) => t.name === 'receipted_message_id')?.value, resp.fields.message_id);
    session.respond(pdu as never, 0, { message_id: '' });
    // An operator types an inbound message on the simulator's standard input.
    const mo = once(session, 'request');
    child.stdin!.write('inbound +491725559999 4930123 Hello back\n');
    const [inbound] = (await mo) as [{ command: string; fields: Record<string, unknown> }];
    assert.deepEqual([inbound.command, inbound.fields.source_addr, inbound.fields.destination_addr], ['deliver_sm', '491725559999', '4930123']);
    assert.equal((inbound.fields.short_message as Buffer).length, 'Hello back'.length);
    await session.unbind();
  } finally {
    child.kill('SIGTERM');
    assert.equal(await new Promise((r) => child.once('exit', r)), 0);
  }
});

test('bad simulator settings name the variable', () => {
  const r = petrel({ PETREL_SIMULATOR_SYSTEM_ID: 'x'.repeat(16) }, 'simulator');
  assert.equal(r.code, 2);
  assert.match(r.err, /PETREL_SIMULATOR_SYSTEM_ID/);
});
