// Importing contacts into a list (seed: Create Distribution List, Define placeholders): the
// upload is stored in chunks and previewed at once; the person names the columns; the import
// then runs as a job (never in a request), committing contacts, rejects and its checkpoint
// together per batch, so a restart resumes after the last committed row and imports none twice.

import { type ColumnMapping, contactFrom, guessPhoneColumn, guessSeparator, looksLikeHeader, mappingProblem, PASTE_MAX_CONTACTS, type Separator, suggestedPlaceholders } from '../domain/contacts.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { setImmediate } from 'node:timers/promises';
import { type Job, type JobContext, JobFailed, JobStopped } from '../jobs/ports.ts';
import type { ImportSource, ImportStore, ListImport, NewContact, Notifier, RejectedRow } from './ports.ts';
import { csvRows, decodedText, type Row, UnreadableFile, xlsxRows } from './rows.ts';

/** Uploads larger than this are refused (a 1,000,000-row CSV of five columns is about 60 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const PREVIEW_ROWS = 6;
/** Rows per transaction: large enough to amortise the commit, small enough to checkpoint often. */
const BATCH_ROWS = 2000;

export interface Preview {
  rows: string[][];
  /** The separator read (or chosen); null for XLSX. */
  separator: Separator | null;
  columns: number;
  /** Guesses the Define placeholders step starts from. */
  phoneColumn: number;
  header: boolean;
  placeholders: string[];
}

export interface Upload {
  source: ImportSource;
  fileName: string | null;
  separator: Separator | null;
  body: AsyncIterable<Uint8Array>;
}

/** Re-cuts the body into chunks of CHUNK_BYTES (the last shorter), counting bytes. */
async function* rechunked(body: AsyncIterable<Uint8Array>, tooBig: () => never): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let total = 0;
  for await (const piece of body) {
    total += piece.length;
    if (total > MAX_UPLOAD_BYTES) tooBig();
    parts.push(piece);
    held += piece.length;
    while (held >= CHUNK_BYTES) {
      const all = Buffer.concat(parts);
      yield all.subarray(0, CHUNK_BYTES);
      parts = [all.subarray(CHUNK_BYTES)];
      held -= CHUNK_BYTES;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

export class ListImports {
  readonly #store: ImportStore;
  readonly #notify: Notifier;

  constructor(o: { store: ImportStore; notify: Notifier }) {
    this.#store = o.store;
    this.#notify = o.notify;
  }

  /** Stores the upload and reads its first rows; a file that cannot be read is refused and not kept. */
  async upload(accountId: number, listId: number, userId: number | null, u: Upload, now: number): Promise<{ import: ListImport; preview: Preview }> {
    const created = await this.#store.create(accountId, listId, { userId, source: u.source, fileName: u.fileName, separator: u.separator }, now);
    if (!created) throw new NotFoundError(`no distribution list ${listId}`);
    try {
      let seq = 0;
      let bytes = 0;
      const tooBig = (): never => {
        throw new ValidationError('invalid_parameter', 'file', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it into several imports`);
      };
      for await (const chunk of rechunked(u.body, tooBig)) {
        await this.#store.appendChunk(created.id, seq++, chunk);
        bytes += chunk.length;
      }
      if (bytes === 0) throw new ValidationError('invalid_parameter', 'file', 'the file is empty');
      const separator = u.source === 'xlsx' ? null : (u.separator ?? (await this.#separatorOf(created.id)));
      await this.#store.uploaded(created.id, bytes, separator);
      const imp = { ...created, bytes, separator };
      const preview = await this.#preview(imp);
      if (u.source === 'text') await this.#checkPasteSize(imp, preview.header);
      return { import: imp, preview };
    } catch (e) {
      await this.#store.discard(created.id);
      if (e instanceof UnreadableFile) throw new ValidationError('invalid_parameter', 'file', e.message);
      throw e;
    }
  }

  async get(accountId: number, listId: number, importId: number): Promise<ListImport> {
    const imp = await this.#store.get(accountId, listId, importId);
    if (!imp) throw new NotFoundError(`no import ${importId} in distribution list ${listId}`);
    return imp;
  }

  async ofList(accountId: number, listId: number): Promise<ListImport[]> {
    const all = await this.#store.ofList(accountId, listId, 20);
    if (!all) throw new NotFoundError(`no distribution list ${listId}`);
    return all;
  }

  /** The Define placeholders step again (the upload's first rows and the guesses). */
  async preview(accountId: number, listId: number, importId: number): Promise<Preview> {
    return this.#preview(await this.get(accountId, listId, importId));
  }

  /** Names the columns and queues the import. */
  async start(accountId: number, listId: number, importId: number, mapping: ColumnMapping, header: boolean, now: number): Promise<ListImport> {
    const imp = await this.get(accountId, listId, importId);
    const { columns } = await this.#preview(imp);
    const problem = mappingProblem(mapping, columns);
    if (problem) throw new ValidationError('invalid_parameter', problem.field, problem.message);
    if (!(await this.#store.start(importId, mapping, header, now))) throw new ConflictError(`import ${importId} is ${imp.status}: it was started already`);
    return this.get(accountId, listId, importId);
  }

  rejects(importId: number): AsyncIterable<RejectedRow> {
    return this.#store.rejects(importId);
  }

  /** The job: reads every row after the checkpoint, commits batches, and tells the person when done. */
  async run(job: Job, ctx: JobContext): Promise<void> {
    const { importId } = job.payload as { importId: number };
    const imp = await this.#store.running(importId, Date.now());
    if (!imp) return; // finished, failed or deleted with its list meanwhile
    try {
      await this.#readAll(imp, ctx.signal);
    } catch (e) {
      // An unreadable file fails at once; another error (the database away) is retried, and
      // the last try's error is the import's, so that it does not stay "running" for ever.
      const final = e instanceof UnreadableFile || (ctx.lastAttempt && !(e instanceof JobStopped));
      if (!final) throw e;
      const why = (e as Error).message;
      await this.#store.finish(importId, 'failed', why, Date.now());
      await this.#tell(imp, 'error', `The import into your list stopped: ${why}.`);
      throw new JobFailed(why);
    }
    await this.#store.finish(importId, 'finished', null, Date.now());
    const done = (await this.#store.byId(importId))!;
    await this.#tell(
      done,
      done.rejected ? 'warning' : 'success',
      `Import finished: ${done.imported.toLocaleString('en')} contacts imported, ${done.duplicates.toLocaleString('en')} duplicates merged, ${done.rejected.toLocaleString('en')} rows rejected.`,
    );
  }

  async #readAll(imp: ListImport, signal: AbortSignal): Promise<void> {
    const mapping = imp.mapping!;
    let read = 0;
    let from = imp.rowsRead;
    let contacts: NewContact[] = [];
    let rejects: RejectedRow[] = [];
    const commit = async () => {
      if (read === from) return;
      if (!(await this.#store.commit(imp.id, imp.listId, { contacts, rejects, from, rowsRead: read }, Date.now()))) throw new JobStopped(); // another worker has it
      from = read;
      contacts = [];
      rejects = [];
      if (signal.aborted) throw new JobStopped();
      // SQLite's driver is synchronous: without a turn of the event loop between batches, the
      // lanes, timers and requests of this thread would wait for the whole import.
      await setImmediate();
    };
    let first = true;
    for await (const row of this.#rows(imp)) {
      if (first && imp.header) {
        first = false;
        continue;
      }
      first = false;
      if (++read <= imp.rowsRead) continue; // committed before a restart
      const c = contactFrom(row.cells, mapping);
      if (c.ok) contacts.push({ phone: c.phone, country: c.country, fields: c.fields });
      else rejects.push({ rowNumber: row.number, reason: c.reason, raw: row.cells.join(imp.separator ?? ',') });
      if (read - from >= BATCH_ROWS) await commit();
    }
    await commit();
  }

  #rows(imp: ListImport): AsyncGenerator<Row> {
    const chunks = this.#store.chunks(imp.id);
    return imp.source === 'xlsx' ? xlsxRows(chunks) : csvRows(chunks, imp.separator);
  }

  async #preview(imp: ListImport): Promise<Preview> {
    const rows: string[][] = [];
    const separator = imp.separator;
    for await (const row of this.#rows(imp)) {
      rows.push(row.cells);
      if (rows.length >= PREVIEW_ROWS) break;
    }
    if (rows.length === 0) throw new UnreadableFile('the file holds no rows');
    const columns = Math.max(...rows.map((r) => r.length));
    const phoneColumn = guessPhoneColumn(rows);
    const header = looksLikeHeader(rows, phoneColumn);
    return { rows, separator, columns, phoneColumn, header, placeholders: suggestedPlaceholders(header ? rows[0]! : null, columns, phoneColumn) };
  }

  /** The separator of a CSV upload, read from its first lines. */
  async #separatorOf(importId: number): Promise<Separator> {
    for await (const text of decodedText(this.#store.chunks(importId))) return guessSeparator(text.split(/\r?\n/).slice(0, 20));
    return ',';
  }

  async #checkPasteSize(imp: ListImport, header: boolean): Promise<void> {
    let n = header ? -1 : 0;
    for await (const _ of this.#rows(imp)) {
      if (++n > PASTE_MAX_CONTACTS) throw new ValidationError('invalid_parameter', 'text', `at most ${PASTE_MAX_CONTACTS.toLocaleString('en')} contacts can be pasted: upload a file for more`);
    }
  }

  async #tell(imp: ListImport, type: 'success' | 'warning' | 'error', content: string): Promise<void> {
    if (imp.userId !== null) await this.#notify.toUsers([imp.userId], { type, tag: 'distribution_list', content }, Date.now());
  }
}
