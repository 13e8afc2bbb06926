// Distribution lists over the API on both dialects: create, search, rename, delete; imports of
// CSV, pasted text and XLSX through the preview, the mapping and the background job, with the
// report and its rejects; broken files refused; another account's lists not found; and an
// import stopped half-way resumes with no contact twice.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { ListImports } from '../../campaigns/list-imports.ts';
import type { ImportStore } from '../../campaigns/ports.ts';
import { campaignJobs } from '../../roles/campaigns.ts';
import { SqlImportStore } from '../../storage/list-imports-repository.ts';
import { forEachDialect } from '../../../test/dialects.ts';
import { client, makeUser } from '../../../test/people.ts';
import { serverForSuite } from '../../../test/server.ts';

const logger = pino({ level: 'silent' });

forEachDialect('management API v1: distribution lists', (dialect) => {
  const p = serverForSuite(dialect);
  let otherKey = '';
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { 'x-mitto-api-key': p.key, ...headers } };
    if (body !== undefined) {
      const raw = typeof body === 'string' || body instanceof Uint8Array;
      init.body = raw ? (body as RequestInit['body']) : JSON.stringify(body);
      if (!raw) (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(p.url + path, init);
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' };
  };
  /** Runs the import jobs that are due, as the worker role does. */
  const runJobs = async () => {
    const jobs = campaignJobs(p.petrel.database, { owner: 'test', pollMs: 10_000, logger });
    await jobs.poll();
    await jobs.idle();
    await jobs.stop();
  };
  const newList = async (name: string) => {
    const r = await call('POST', '/api/v1/lists', { name });
    assert.equal(r.status, 201, r.text);
    return r.json.id as number;
  };

  before(async () => {
    await p.tenancy.createAccount('other', { name: 'main', displayName: 'Other', type: 'api' });
    otherKey = (await p.tenancy.createKey({ accountName: 'other', trafficAccountName: 'main', role: 'admin' })).key;
  });

  test('create, search by exact name in any case, rename, delete; names checked', async () => {
    const id = await newList('Customers June');
    assert.equal((await call('POST', '/api/v1/lists', { name: 'customers june' })).status, 409, 'a second list of the same name, any case');
    const blank = await call('POST', '/api/v1/lists', { name: '   ' });
    assert.deepEqual([blank.status, blank.json.field], [400, 'name']);
    const long = await call('POST', '/api/v1/lists', { name: 'x'.repeat(65) });
    assert.deepEqual([long.status, long.json.field], [400, 'name']);
    assert.equal((await call('POST', '/api/v1/lists', { name: ['a list'] })).status, 400);
    await newList('Customers');
    const found = await call('GET', '/api/v1/lists?search=CUSTOMERS%20JUNE');
    assert.deepEqual(
      found.json.lists.map((l: { name: string }) => l.name),
      ['Customers June'],
      'exact match only: not "Customers"',
    );
    assert.equal(found.json.total, 1);
    const renamed = await call('PATCH', `/api/v1/lists/${id}`, { name: 'Customers July' });
    assert.deepEqual([renamed.status, renamed.json.name], [200, 'Customers July']);
    assert.equal((await call('DELETE', `/api/v1/lists/${id}`)).status, 204);
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).status, 404);
  });

  test('a CSV in three scripts: preview, mapping, the job; counts, contacts, rejects with their rows', async () => {
    const id = await newList('Three scripts');
    const csv = [
      'Name;Mobile;City',
      'Anna Schmidt;+49 176 1234 5678;Berlin',
      'Иван Петров;+7 912 345-67-89;Москва',
      'فاطمة الزهراء;+971 50 123 4567;دبي',
      'Anna again;004917612345678;Hamburg',
      'Nobody;;Nowhere',
      'Bad;12;Nowhere',
      'Wide;+33612345678;Paris;extra',
      '=HYPERLINK("http://evil.example","click");+14152348883;Formula',
      '',
    ].join('\r\n');
    const up = await call('POST', `/api/v1/lists/${id}/imports?fileName=scripts.csv`, csv, { 'content-type': 'text/csv' });
    assert.equal(up.status, 201, up.text);
    const { preview } = up.json;
    assert.equal(up.json.import.status, 'uploaded');
    assert.deepEqual([preview.separator, preview.columns, preview.phoneColumn, preview.header], [';', 3, 1, true]);
    assert.deepEqual(preview.placeholders, ['Name', 'Mobile', 'City']);
    assert.deepEqual(preview.rows[2], ['Иван Петров', '+7 912 345-67-89', 'Москва']);

    const path = `/api/v1/lists/${id}/imports/${up.json.import.id}`;
    const bad = await call('POST', `${path}/start`, { placeholders: ['name', 'Name', 'city'], phoneColumn: 1, header: true, defaultCountry: null });
    assert.deepEqual([bad.status, bad.json.field], [400, 'placeholders/1']);
    const noPhone = await call('POST', `${path}/start`, { placeholders: ['name', 'phone', 'city'], phoneColumn: 3, header: true, defaultCountry: null });
    assert.equal(noPhone.status, 400);
    const short = await call('POST', `${path}/start`, { placeholders: ['name', 'phone'], phoneColumn: 1, header: true, defaultCountry: null });
    assert.deepEqual([short.status, short.json.field], [400, 'placeholders']);
    const started = await call('POST', `${path}/start`, { placeholders: ['name', 'phone', 'city'], phoneColumn: 1, header: true, defaultCountry: 'DE' });
    assert.deepEqual([started.status, started.json.status], [202, 'queued'], started.text);
    assert.equal((await call('POST', `${path}/start`, { placeholders: ['name', 'phone', 'city'], phoneColumn: 1, header: true, defaultCountry: 'DE' })).status, 409, 'started once');

    await runJobs();
    const done = (await call('GET', path)).json;
    assert.deepEqual(
      (await call('GET', `/api/v1/lists/${id}/imports`)).json.imports.map((i: { id: number }) => i.id),
      [up.json.import.id],
    );
    assert.deepEqual([done.status, done.rowsRead, done.imported, done.duplicates, done.rejected], ['finished', 8, 4, 1, 3]);
    const list = (await call('GET', `/api/v1/lists/${id}`)).json;
    assert.deepEqual([list.contacts, list.recipients, list.placeholders], [4, 4, ['name', 'phone', 'city']]);
    const contacts = (await call('GET', `/api/v1/lists/${id}/contacts`)).json;
    assert.deepEqual(
      contacts.contacts.map((c: { phone: string; fields: { name: string } }) => [c.phone, c.fields.name]),
      [
        ['+4917612345678', 'Anna Schmidt'],
        ['+79123456789', 'Иван Петров'],
        ['+971501234567', 'فاطمة الزهراء'],
        ['+14152348883', '=HYPERLINK("http://evil.example","click")'],
      ],
      'the duplicate merged into the first row; a formula kept as text',
    );
    const searched = (await call('GET', `/api/v1/lists/${id}/contacts?search=%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0`)).json;
    assert.equal(searched.total, 1, 'search on a field in any case, in any script');
    assert.equal((await call('GET', `/api/v1/lists/${id}/contacts?search=berlin`)).json.total, 1);

    const rejects = await call('GET', `${path}/rejects`);
    assert.match(rejects.type, /^text\/csv/);
    assert.deepEqual(rejects.text.trim().split('\n'), [
      'row,reason,content',
      '6,the phone column is empty,"Nobody;;Nowhere"',
      '7,not a valid phone number for its country,"Bad;12;Nowhere"',
      '8,more columns than the list has placeholders,"Wide;+33612345678;Paris;extra"',
    ]);

    // A blacklisted number is a row but no recipient.
    assert.equal((await call('POST', '/api/v1/blacklist', { number: '+79123456789' })).status, 201);
    const after = (await call('GET', `/api/v1/lists/${id}`)).json;
    assert.deepEqual([after.contacts, after.recipients], [4, 3]);
  });

  test('pasted text with the chosen separator; more than 2,000 contacts refused', async () => {
    const id = await newList('Pasted');
    const up = await call('POST', `/api/v1/lists/${id}/imports/text`, { text: 'Steve Rogers| 14152348883| New York\nTony Stark|+1 415 234 8884|Malibu', separator: '|' });
    assert.equal(up.status, 201, up.text);
    assert.deepEqual([up.json.preview.header, up.json.preview.phoneColumn, up.json.preview.placeholders], [false, 1, ['column1', 'phone', 'column3']]);
    const start = await call('POST', `/api/v1/lists/${id}/imports/${up.json.import.id}/start`, { placeholders: ['name', 'phone', 'city'], phoneColumn: 1, header: false, defaultCountry: null });
    assert.equal(start.status, 202);
    await runJobs();
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).json.contacts, 2);
    const many = Array.from({ length: 2001 }, (_, i) => `+4917612${String(i).padStart(5, '0')}`).join('\n');
    const tooMany = await call('POST', `/api/v1/lists/${id}/imports/text`, { text: many, separator: ',' });
    assert.deepEqual([tooMany.status, tooMany.json.field], [400, 'text']);
    assert.match(tooMany.json.message, /at most 2,000 contacts/);
    const badSep = await call('POST', `/api/v1/lists/${id}/imports/text`, { text: 'x', separator: '#' });
    assert.equal(badSep.status, 400);
  });

  test('broken files are refused with the reason, and leave no import behind', async () => {
    const id = await newList('Broken');
    const refused = async (body: string | Uint8Array, pattern: RegExp) => {
      const r = await call('POST', `/api/v1/lists/${id}/imports`, body, { 'content-type': 'text/csv' });
      assert.deepEqual([r.status, r.json?.field], [400, 'file'], r.text);
      assert.match(r.json.message, pattern);
    };
    await refused('', /empty/);
    await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary/);
    await refused(new Uint8Array(Buffer.from('name,phone\nRen\xe9,+4917612345678\n', 'latin1')), /not UTF-8/);
    await refused('+49'.padEnd(1_100_000, '1'), /longer than/);
    const x = await call('POST', `/api/v1/lists/${id}/imports?fileName=book.xlsx`, 'not a zip at all', { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    assert.deepEqual([x.status, x.json?.field], [400, 'file'], x.text);
    const rows = await p.petrel.database.db.selectFrom('list_imports').select('id').where('list_id', '=', id).execute();
    assert.deepEqual(rows, []);
  });

  test('an XLSX workbook: its first sheet, numbers and formulas by their values', async () => {
    const id = await newList('Workbook');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['Phone', 'First name', 'Joined']);
    sheet.addRow([4917612345678, 'Anna', new Date(Date.UTC(2026, 5, 1))]);
    sheet.addRow(['+79123456789', { richText: [{ text: 'Iv' }, { text: 'an' }] }, null]);
    sheet.addRow([{ formula: '"+33"&"612345678"', result: '+33612345678' }, 'Élodie', null]);
    book.addWorksheet('Ignored').addRow(['+14152348883', 'Not me']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const up = await call('POST', `/api/v1/lists/${id}/imports?fileName=contacts.xlsx`, bytes, { 'content-type': 'application/octet-stream' });
    assert.equal(up.status, 201, up.text);
    assert.deepEqual([up.json.import.source, up.json.preview.phoneColumn, up.json.preview.header], ['xlsx', 0, true]);
    assert.deepEqual(up.json.preview.rows[1], ['4917612345678', 'Anna', '2026-06-01']);
    await call('POST', `/api/v1/lists/${id}/imports/${up.json.import.id}/start`, { placeholders: ['phone', 'first_name', 'joined'], phoneColumn: 0, header: true, defaultCountry: null });
    await runJobs();
    const contacts = (await call('GET', `/api/v1/lists/${id}/contacts`)).json.contacts;
    assert.deepEqual(
      contacts.map((c: { phone: string; fields: object }) => [c.phone, c.fields]),
      [
        ['+4917612345678', { first_name: 'Anna', joined: '2026-06-01' }],
        ['+79123456789', { first_name: 'Ivan', joined: '' }],
        ['+33612345678', { first_name: 'Élodie', joined: '' }],
      ],
    );
  });

  test('contacts one by one: added in E.164, a duplicate refused, removed', async () => {
    const id = await newList('By hand');
    const added = await call('POST', `/api/v1/lists/${id}/contacts`, { phone: '0176 1234 5678', defaultCountry: 'DE', fields: { name: 'Anna' } });
    assert.deepEqual([added.status, added.json.phone, added.json.fields], [201, '+4917612345678', { name: 'Anna' }]);
    assert.equal((await call('POST', `/api/v1/lists/${id}/contacts`, { phone: '+4917612345678' })).status, 409);
    const bad = await call('POST', `/api/v1/lists/${id}/contacts`, { phone: 'call me' });
    assert.deepEqual([bad.status, bad.json.field], [400, 'phone']);
    const badField = await call('POST', `/api/v1/lists/${id}/contacts`, { phone: '+79123456789', fields: { '1st': 'x' } });
    assert.deepEqual([badField.status, badField.json.field], [400, 'fields/1st']);
    assert.deepEqual((await call('GET', `/api/v1/lists/${id}`)).json.placeholders, ['name'], 'a field by hand names a column');
    assert.equal((await call('DELETE', `/api/v1/lists/${id}/contacts/${added.json.id}`)).status, 204);
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).json.contacts, 0);
  });

  test('another account’s lists, contacts and imports are not found', async () => {
    const id = await newList('Mine');
    const up = await call('POST', `/api/v1/lists/${id}/imports/text`, { text: '+4917612345678', separator: ',' });
    const as = { 'x-mitto-api-key': otherKey };
    for (const [method, path, body] of [
      ['GET', `/api/v1/lists/${id}`],
      ['PATCH', `/api/v1/lists/${id}`, { name: 'Theirs now' }],
      ['DELETE', `/api/v1/lists/${id}`],
      ['GET', `/api/v1/lists/${id}/contacts`],
      ['POST', `/api/v1/lists/${id}/contacts`, { phone: '+79123456789' }],
      ['GET', `/api/v1/lists/${id}/imports/${up.json.import.id}`],
      ['GET', `/api/v1/lists/${id}/imports`],
      ['POST', `/api/v1/lists/${id}/imports/${up.json.import.id}/start`, { placeholders: ['phone'], phoneColumn: 0, header: false, defaultCountry: null }],
      ['GET', `/api/v1/lists/${id}/imports/${up.json.import.id}/rejects`],
      ['POST', `/api/v1/lists/${id}/imports/text`, { text: '+79123456789', separator: ',' }],
    ] as Array<[string, string, unknown?]>) {
      assert.equal((await call(method, path, body, as)).status, 404, `${method} ${path}`);
    }
    assert.deepEqual((await call('GET', '/api/v1/lists', undefined, as)).json, { lists: [], total: 0 });
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).json.name, 'Mine', 'untouched');
  });

  test('an import stopped half-way resumes from its checkpoint: every contact once', async () => {
    const id = await newList('Resumed');
    const rows = Array.from({ length: 5000 }, (_, i) => `+4917612${String(i).padStart(5, '0')},Contact ${i}`);
    const up = await call('POST', `/api/v1/lists/${id}/imports`, `${rows.join('\n')}\n`, { 'content-type': 'text/csv' });
    const importId = up.json.import.id as number;
    await call('POST', `/api/v1/lists/${id}/imports/${importId}/start`, { placeholders: ['phone', 'name'], phoneColumn: 0, header: false, defaultCountry: null });
    // The first batch commits, then the process "stops".
    const stop = new AbortController();
    const store = new SqlImportStore(p.petrel.database);
    const commitThenStop = async (...a: Parameters<ImportStore['commit']>) => ((await store.commit(...a)) ? (stop.abort(), true) : false);
    const stopping = new Proxy(store, {
      get: (t, k) => (k === 'commit' ? commitThenStop : (Reflect.get(t, k) as (...a: unknown[]) => unknown).bind(t)),
    }) as ImportStore;
    const imports = new ListImports({ store: stopping, notify: { toUsers: async () => {} } });
    await assert.rejects(imports.run({ id: 0, kind: 'list_import', payload: { importId }, attempts: 0 }, { signal: stop.signal, lastAttempt: true }), /stopped/);
    const half = (await call('GET', `/api/v1/lists/${id}/imports/${importId}`)).json;
    assert.deepEqual([half.status, half.rowsRead, half.imported], ['running', 2000, 2000]);
    await runJobs();
    const done = (await call('GET', `/api/v1/lists/${id}/imports/${importId}`)).json;
    assert.deepEqual([done.status, done.rowsRead, done.imported, done.duplicates], ['finished', 5000, 5000, 0]);
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).json.contacts, 5000);
    const chunks = await p.petrel.database.db.selectFrom('import_chunks').select('seq').where('import_id', '=', importId).execute();
    assert.deepEqual(chunks, [], 'the upload’s bytes are dropped once imported');
  });

  test('people need the contacts permission: a campaign manager works with lists, an analyst is refused', async () => {
    const accountId = (await p.tenancy.accountIdOf('default'))!;
    const manager = await makeUser(p.petrel.database, { accountId, email: 'cm@lists.example', role: 'campaign_manager' });
    const analyst = await makeUser(p.petrel.database, { accountId, email: 'an@lists.example', role: 'analyst' });
    const http = client(() => p.url);
    const m = await http.signIn(manager.email, manager.password);
    const made = await http.call('POST', '/api/v1/lists', { ...m, body: { name: 'By the manager' } });
    assert.deepEqual([made.status, made.json.createdBy], [201, 'cm']);
    const a = await http.signIn(analyst.email, analyst.password);
    assert.equal((await http.call('GET', '/api/v1/lists', a)).status, 403);
    assert.equal((await http.call('GET', `/api/v1/lists/${made.json.id}`, a)).status, 403);
  });

  test('an import whose every try failed says why and stops being "running"', async () => {
    const id = await newList('Failing');
    const up = await call('POST', `/api/v1/lists/${id}/imports/text`, { text: '+4917612345678\n+79123456789', separator: ',' });
    const importId = up.json.import.id as number;
    await call('POST', `/api/v1/lists/${id}/imports/${importId}/start`, { placeholders: ['phone'], phoneColumn: 0, header: false, defaultCountry: null });
    const store = new SqlImportStore(p.petrel.database);
    const failing = new Proxy(store, {
      get: (t, k) => (k === 'commit' ? async () => Promise.reject(new Error('the database went away')) : (Reflect.get(t, k) as (...a: unknown[]) => unknown).bind(t)),
    }) as ImportStore;
    const imports = new ListImports({ store: failing, notify: { toUsers: async () => {} } });
    const job = { id: 0, kind: 'list_import', payload: { importId }, attempts: 0 };
    await assert.rejects(imports.run(job, { signal: new AbortController().signal, lastAttempt: false }), /went away/);
    assert.equal((await call('GET', `/api/v1/lists/${id}/imports/${importId}`)).json.status, 'running', 'retried later');
    await assert.rejects(imports.run(job, { signal: new AbortController().signal, lastAttempt: true }), /went away/);
    const failed = (await call('GET', `/api/v1/lists/${id}/imports/${importId}`)).json;
    assert.deepEqual([failed.status, failed.error], ['failed', 'the database went away']);
  });

  test('an upload never started is dropped with its bytes a day later, at the next upload', async () => {
    const id = await newList('Abandoned');
    const old = (await call('POST', `/api/v1/lists/${id}/imports/text`, { text: '+4917612345678', separator: ',' })).json.import.id;
    const db = p.petrel.database.db;
    await db
      .updateTable('list_imports')
      .set({ created_at: Date.now() - 25 * 3_600_000 })
      .where('id', '=', old)
      .execute();
    const fresh = (await call('POST', `/api/v1/lists/${id}/imports/text`, { text: '+79123456789', separator: ',' })).json.import.id;
    const left = await db.selectFrom('list_imports').select('id').where('list_id', '=', id).execute();
    assert.deepEqual(
      left.map((r) => Number(r.id)),
      [fresh],
    );
    assert.deepEqual(await db.selectFrom('import_chunks').select('seq').where('import_id', '=', old).execute(), []);
  });

  test('Download sample: a CSV that imports as it is', async () => {
    const sample = await call('GET', '/api/v1/lists/sample');
    assert.match(sample.type, /^text\/csv/);
    const id = await newList('From the sample');
    const up = await call('POST', `/api/v1/lists/${id}/imports`, sample.text, { 'content-type': 'text/csv' });
    const pv = up.json.preview;
    assert.deepEqual([pv.header, pv.phoneColumn, pv.placeholders], [true, 0, ['phone', 'first_name', 'last_name', 'city']]);
    await call('POST', `/api/v1/lists/${id}/imports/${up.json.import.id}/start`, { placeholders: pv.placeholders, phoneColumn: 0, header: true, defaultCountry: null });
    await runJobs();
    assert.equal((await call('GET', `/api/v1/lists/${id}`)).json.contacts, 3);
  });
});
