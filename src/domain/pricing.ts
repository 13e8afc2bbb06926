// Prices per traffic account, in integer micro-units of the account currency (DESIGN D11).
// The most specific row wins: country + network, then country, then the default row.

export interface PriceRow {
  /** ISO 3166-1 alpha-2; null on the default row. */
  country: string | null;
  /** MCC-MNC such as `26201`; null for every network of the country. */
  network: string | null;
  priceMicros: number;
}

export function pricePerPart(rows: readonly PriceRow[], country: string | null, network: string | null = null): number | null {
  let byCountry: PriceRow | undefined;
  let fallback: PriceRow | undefined;
  for (const row of rows) {
    if (row.country === null) {
      if (row.network === null) fallback = row;
      continue;
    }
    if (row.country !== country) continue;
    if (row.network !== null && row.network === network) return row.priceMicros;
    if (row.network === null) byCountry = row;
  }
  return (byCountry ?? fallback)?.priceMicros ?? null;
}

/** Cost of a message: one price per part. Null when no row applies (unpriced). */
export function messageCost(rows: readonly PriceRow[], country: string | null, parts: number, network: string | null = null): number | null {
  const price = pricePerPart(rows, country, network);
  return price === null ? null : price * parts;
}

/**
 * What sending `parts` parts to each of `recipients` (how many in each country) costs; the
 * recipients of a country no price row covers are counted apart (their messages would be
 * unpriced: sent, charged nothing).
 */
export function estimateCost(rows: readonly PriceRow[], recipients: ReadonlyMap<string | null, number>, parts: number): { costMicros: number; unpriced: number } {
  let costMicros = 0;
  let unpriced = 0;
  for (const [country, n] of recipients) {
    const price = pricePerPart(rows, country);
    if (price === null) unpriced += n;
    else costMicros += price * parts * n;
  }
  return { costMicros, unpriced };
}

/** Formats micro-units as a decimal with six places, as Mitto's usage report does ("68.400000"). */
export function formatMicros(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}

/** Parses a decimal amount ("0.06", "6") into micro-units exactly, without floating point. */
export function parseMicros(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}
