// White-label (issue #12): the platform's product name, primary colour and logo. Read on every
// mail and page, so kept in memory and read again every 30 s (another process may change it);
// changed by the operator's administrators.

import { colorProblem, DEFAULT_COLOR, DEFAULT_PRODUCT, productNameProblem } from '../domain/branding.ts';
import { coded, ValidationError, type ErrorCode } from '../domain/errors.ts';
import { imageProblem } from '../domain/preferences.ts';
import type { BrandingStore } from './ports.ts';

export interface Brand {
  productName: string;
  primaryColor: string;
  /** A data URL, or null: Petrel's own. */
  logo: string | null;
}

const REREAD_MS = 30_000;

export class Branding {
  readonly #store: BrandingStore;
  #brand: Brand = { productName: DEFAULT_PRODUCT, primaryColor: DEFAULT_COLOR, logo: null };
  #readAt = -Infinity;

  constructor(store: BrandingStore) {
    this.#store = store;
  }

  /** The brand as last read (for mail words, which cannot wait). */
  get current(): Brand {
    return this.#brand;
  }

  async read(now = Date.now()): Promise<Brand> {
    if (now - this.#readAt < REREAD_MS) return this.#brand;
    const s = await this.#store.settings();
    this.#brand = { productName: s.product_name ?? DEFAULT_PRODUCT, primaryColor: s.primary_color ?? DEFAULT_COLOR, logo: s.logo ?? null };
    this.#readAt = now;
    return this.#brand;
  }

  async change(c: { productName?: string | null; primaryColor?: string | null; logo?: string | null }): Promise<Brand> {
    const checks: Array<[string, string | null | undefined, (v: string) => string | null, ErrorCode]> = [
      ['productName', c.productName, productNameProblem, 'field_invalid'],
      ['primaryColor', c.primaryColor, colorProblem, 'field_invalid'],
      ['logo', c.logo, imageProblem, 'image_invalid'],
    ];
    for (const [field, value, problemOf, code] of checks) {
      const problem = value == null ? null : problemOf(value);
      if (problem) throw coded(new ValidationError('invalid_parameter', field, problem), code, { field });
    }
    const values: Record<string, string | null> = {};
    if (c.productName !== undefined) values.product_name = c.productName === null ? null : c.productName.trim();
    if (c.primaryColor !== undefined) values.primary_color = c.primaryColor === null ? null : c.primaryColor.toLowerCase();
    if (c.logo !== undefined) values.logo = c.logo;
    await this.#store.set(values);
    this.#readAt = -Infinity;
    return this.read();
  }
}
