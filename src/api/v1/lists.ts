// Management API v1: distribution lists, their contacts, and imports (seed: Distribution Lists,
// Create Distribution List, Define placeholders). Everything is the caller's account's: a list
// id of another account is not found.

import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ListImport as Import, Contact, DistributionList } from '../../campaigns/ports.ts';
import {
  ContactPage,
  ContactParams,
  ContactQuery,
  ContactView,
  ImportParams,
  ImportStart,
  ImportView,
  ListName,
  ListPage,
  ListParams,
  ListQuery,
  ListView,
  NewContactBody,
  PastedText,
  PreviewView,
  UploadedImport,
  UploadQuery,
} from '../../contracts/lists.ts';
import { ApiError } from '../../contracts/messages.ts';
import { csvCell, REJECT_TEXT, SAMPLE_CSV } from '../../domain/contacts.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { paging } from './paging.ts';
import { iso, isoOrNull } from './present.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const presentList = (l: DistributionList) => ({
  id: l.id,
  name: l.name,
  placeholders: l.placeholders,
  contacts: l.contacts,
  recipients: l.recipients,
  createdBy: l.createdBy,
  createdAt: iso(l.createdAt),
  updatedAt: iso(l.updatedAt),
});

const presentContact = (c: Contact) => ({ id: c.id, phone: c.phone, country: c.country, fields: c.fields, createdAt: iso(c.createdAt) });

const presentImport = (i: Import) => ({
  id: i.id,
  listId: i.listId,
  source: i.source,
  fileName: i.fileName,
  bytes: i.bytes,
  separator: i.separator,
  header: i.header,
  placeholders: i.mapping ? [...i.mapping.placeholders] : null,
  phoneColumn: i.mapping?.phoneColumn ?? null,
  defaultCountry: i.mapping?.defaultCountry ?? null,
  status: i.status,
  rowsRead: i.rowsRead,
  imported: i.imported,
  duplicates: i.duplicates,
  rejected: i.rejected,
  error: i.error,
  createdAt: iso(i.createdAt),
  startedAt: isoOrNull(i.startedAt),
  finishedAt: isoOrNull(i.finishedAt),
});

/** Is the upload an XLSX workbook: by its type, else by its name. */
const isXlsx = (contentType: string | undefined, fileName: string | undefined) => (contentType ?? '').startsWith(XLSX_TYPE) || /\.xlsx$/i.test(fileName ?? '');

export async function listRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Distribution lists'];
  const errors = { '4xx': ApiError };
  const config = { api: 'v1', needs: 'sender', permission: 'contacts' } as const;
  const { lists, imports } = deps.campaigns;

  app.get('/api/v1/lists', {
    config,
    schema: { tags, summary: 'The account’s lists, newest first; search is an exact match on the name, any case', querystring: ListQuery, response: { 200: ListPage, ...errors } },
    handler: async (req) => {
      const page = await lists.list(req.caller!.accountId, paging(req.query));
      return { lists: page.items.map(presentList), total: page.total };
    },
  });

  app.post('/api/v1/lists', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Create an empty list (201); import contacts into it next', body: ListName, response: { 201: ListView, ...errors } },
    handler: async (req, reply) => reply.code(201).send(presentList(await lists.create(req.caller!.accountId, req.body.name, req.caller!.user?.id ?? null, Date.now()))),
  });

  app.get('/api/v1/lists/sample', {
    config,
    schema: { tags, summary: 'Download sample: the format of a list file (CSV)', response: { 200: Type.String(), ...errors } },
    handler: async (_req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="distribution-list-sample.csv"').send(SAMPLE_CSV),
  });

  app.get('/api/v1/lists/:id', {
    config,
    schema: { tags, summary: 'One list with its rows and recipients', params: ListParams, response: { 200: ListView, ...errors } },
    handler: async (req) => presentList(await lists.get(req.caller!.accountId, req.params.id)),
  });

  app.patch('/api/v1/lists/:id', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Rename a list', params: ListParams, body: ListName, response: { 200: ListView, ...errors } },
    handler: async (req) => presentList(await lists.rename(req.caller!.accountId, req.params.id, req.body.name, Date.now())),
  });

  app.delete('/api/v1/lists/:id', {
    config,
    schema: { tags, summary: 'Delete a list with its contacts (204)', params: ListParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await lists.delete(req.caller!.accountId, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/lists/:id/contacts', {
    config,
    schema: { tags, summary: 'A list’s contacts, a page at a time; search on the number or any field', params: ListParams, querystring: ContactQuery, response: { 200: ContactPage, ...errors } },
    handler: async (req) => {
      const page = await lists.contacts(req.caller!.accountId, req.params.id, paging(req.query));
      return { contacts: page.items.map(presentContact), total: page.total };
    },
  });

  app.post('/api/v1/lists/:id/contacts', {
    config,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Add one contact (201); 409 when the number is in the list', params: ListParams, body: NewContactBody, response: { 201: ContactView, ...errors } },
    handler: async (req, reply) => {
      const b = req.body;
      const contact = await lists.addContact(req.caller!.accountId, req.params.id, { phone: b.phone, fields: b.fields ?? {}, defaultCountry: b.defaultCountry ?? null }, Date.now());
      return reply.code(201).send(presentContact(contact));
    },
  });

  app.delete('/api/v1/lists/:id/contacts/:contactId', {
    config,
    schema: { tags, summary: 'Remove one contact (204)', params: ContactParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await lists.removeContact(req.caller!.accountId, req.params.id, req.params.contactId, Date.now());
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/lists/:id/imports/text', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Pasted contacts (at most 2,000, one per line): stored, and their first rows previewed (201)',
      params: ListParams,
      body: PastedText,
      response: { 201: UploadedImport, ...errors },
    },
    handler: async (req, reply) => {
      const body = (async function* () {
        yield Buffer.from(req.body.text, 'utf8');
      })();
      const r = await imports.upload(req.caller!.accountId, req.params.id, req.caller!.user?.id ?? null, { source: 'text', fileName: null, separator: req.body.separator, body }, Date.now());
      return reply.code(201).send({ import: presentImport(r.import), preview: r.preview });
    },
  });

  // The upload's bytes are streamed into the database as they arrive, never held whole.
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    uploads.withTypeProvider<TypeBoxTypeProvider>().post('/api/v1/lists/:id/imports', {
      config,
      schema: {
        tags,
        summary: 'Upload a CSV (text/csv) or XLSX file as the request body: stored, and its first rows previewed (201); name the columns next with /start',
        params: ListParams,
        querystring: UploadQuery,
        response: { 201: UploadedImport, ...errors },
      },
      handler: async (req, reply) => {
        const { fileName, separator } = req.query;
        const source = isXlsx(req.headers['content-type'], fileName) ? 'xlsx' : 'csv';
        const body = req.body as AsyncIterable<Uint8Array>;
        const r = await imports.upload(req.caller!.accountId, req.params.id, req.caller!.user?.id ?? null, { source, fileName: fileName ?? null, separator: separator ?? null, body }, Date.now());
        return reply.code(201).send({ import: presentImport(r.import), preview: r.preview });
      },
    });
  });

  app.get('/api/v1/lists/:id/imports', {
    config,
    schema: {
      tags,
      summary: 'A list’s last 20 imports, newest first, with their progress and reports',
      params: ListParams,
      response: { 200: Type.Object({ imports: Type.Array(ImportView) }), ...errors },
    },
    handler: async (req) => ({ imports: (await imports.ofList(req.caller!.accountId, req.params.id)).map(presentImport) }),
  });

  app.get('/api/v1/lists/:id/imports/:importId', {
    config,
    schema: { tags, summary: 'An import’s progress and report: rows read, imported, duplicates merged, rejected', params: ImportParams, response: { 200: ImportView, ...errors } },
    handler: async (req) => presentImport(await imports.get(req.caller!.accountId, req.params.id, req.params.importId)),
  });

  app.get('/api/v1/lists/:id/imports/:importId/preview', {
    config,
    schema: { tags, summary: 'The upload’s first rows and the guesses for its placeholders', params: ImportParams, response: { 200: PreviewView, ...errors } },
    handler: async (req) => imports.preview(req.caller!.accountId, req.params.id, req.params.importId),
  });

  app.post('/api/v1/lists/:id/imports/:importId/start', {
    config,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Name the columns (a placeholder each, one of them the phone) and import: runs in the background (202); follow it with GET',
      params: ImportParams,
      body: ImportStart,
      response: { 202: ImportView, ...errors },
    },
    handler: async (req, reply) => {
      const b = req.body;
      const mapping = { placeholders: b.placeholders.map((p) => p.trim()), phoneColumn: b.phoneColumn, defaultCountry: b.defaultCountry };
      const started = await imports.start(req.caller!.accountId, req.params.id, req.params.importId, mapping, b.header, Date.now());
      return reply.code(202).send(presentImport(started));
    },
  });

  app.get('/api/v1/lists/:id/imports/:importId/rejects', {
    config,
    // The CSV is streamed as it is read (Fastify pipes a stream; no serialiser runs).
    schema: {
      tags,
      summary: 'The rejected rows as CSV: row number, reason, the row as read',
      params: ImportParams,
      response: { 200: Type.Unsafe<Readable>({ type: 'string', description: 'text/csv' }), ...errors },
    },
    handler: async (req, reply) => {
      const imp = await imports.get(req.caller!.accountId, req.params.id, req.params.importId);
      const lines = async function* () {
        yield 'row,reason,content\n';
        for await (const r of imports.rejects(imp.id)) yield `${r.rowNumber},${csvCell(REJECT_TEXT[r.reason])},${csvCell(r.raw)}\n`;
      };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rejected-rows-${imp.id}.csv"`).send(Readable.from(lines()));
    },
  });
}
