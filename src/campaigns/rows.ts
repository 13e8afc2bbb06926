// The rows of an uploaded list, read as a stream from its stored chunks: CSV or pasted text
// through papaparse, XLSX through exceljs's streaming reader. Memory stays flat whatever the
// file's size: one chunk, one parser buffer and one batch of rows at a time.

import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { CELL_MAX, MAX_COLUMNS, type Separator } from '../domain/contacts.ts';

/** A row longer than this is no contact row: the file is refused rather than buffered whole. */
export const MAX_ROW_CHARS = 1_000_000;

/** Why a file cannot be read as a list, in words for the person who uploaded it. */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

export interface Row {
  /** The row's line in the file (1 = the first). */
  number: number;
  cells: string[];
}

/** The text encoding a file's first bytes announce: a UTF-16 byte-order mark, else UTF-8. */
function encodingOf(first: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** The chunks as text; refuses binary and non-UTF-8 bytes, and rows longer than MAX_ROW_CHARS. */
export async function* decodedText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let sinceNewline = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    decoder ??= new TextDecoder(encodingOf(chunk), { fatal: true });
    if (decoder.encoding === 'utf-8' && chunk.includes(0)) throw new UnreadableFile('the file holds binary data, not text: upload a CSV, a text file or an XLSX workbook');
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new UnreadableFile(`the file is not UTF-8 text (near byte ${offset}): save it as “CSV UTF-8” or as an XLSX workbook`);
    }
    offset += chunk.length;
    const last = text.lastIndexOf('\n');
    sinceNewline = last === -1 ? sinceNewline + text.length : text.length - last - 1;
    if (sinceNewline > MAX_ROW_CHARS) throw new UnreadableFile(`a row is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters: this is not a list of contacts`);
    // In pieces of 64 K characters: the parser's rows of a piece are taken before the next is
    // read, so few of them live long enough to reach V8's old space (a 1 MB piece's 18,000 rows
    // did, and a 1,000,000-row import grew the server by a gigabyte of garbage).
    for (let i = 0; i < text.length; i += TEXT_PIECE) yield text.slice(i, i + TEXT_PIECE);
  }
  const rest = decoder?.decode() ?? '';
  if (rest) yield rest;
}

const TEXT_PIECE = 65_536;

/**
 * The rows of CSV text; `separator` null lets papaparse guess it. Papaparse hands over the rows
 * of each chunk it reads and is paused until they are taken: its Node duplex stream moves rows
 * one by one through an array it shifts (a 100,000-row file took 43 s that way; this, 0.3 s).
 */
export async function* csvRows(chunks: AsyncIterable<Uint8Array>, separator: Separator | null): AsyncGenerator<Row> {
  const source = Readable.from(decodedText(chunks));
  const ready: string[][][] = [];
  let parser: Papa.Parser | null = null;
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  Papa.parse<string[]>(source as unknown as File, {
    delimiter: separator ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
    chunk: (results, p) => {
      parser = p;
      p.pause();
      ready.push(results.data);
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
    error: (e: Error) => {
      failure = e;
      done = true;
      notify();
    },
  });
  let number = 0;
  try {
    for (;;) {
      const rows = ready.shift();
      if (rows) {
        for (const cells of rows) {
          number++;
          if (cells.length === 1 && cells[0]!.trim() === '') continue; // an empty line
          yield { number, cells: cells.slice(0, MAX_COLUMNS + 1).map((c) => c.slice(0, CELL_MAX)) };
        }
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      const waiting = new Promise<void>((r) => (wake = r));
      (parser as Papa.Parser | null)?.resume();
      await waiting;
    }
  } finally {
    if (!done) (parser as Papa.Parser | null)?.abort();
    source.destroy();
  }
}

/** A cell's value as text: a formula by its result, a date by its ISO day, rich text joined. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ('result' in o) return cellText(o.result);
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('text' in o) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/** The rows of an XLSX workbook's first sheet (its styles read: they say which numbers are dates). */
export async function* xlsxRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Row> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1, MAX_COLUMNS + 2);
        const cells = Array.from(values, (v) => cellText(v).slice(0, CELL_MAX));
        while (cells.length && cells.at(-1) === '') cells.pop();
        if (cells.length) yield { number: row.number, cells };
      }
      return; // the first sheet only
    }
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile(`the file is not a readable XLSX workbook (${(e as Error).message})`);
  }
}
