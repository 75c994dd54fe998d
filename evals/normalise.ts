// Value comparison of the eval contract (PRODUCT.md): numbers numerically, dates as ISO, item codes as normaliseSku,
// addresses by token overlap, other strings case- and whitespace-folded.
import type { CanonicalChange } from '../src/changes/schema.ts';
import { normaliseSku } from '../src/changes/sku.ts';

type Value = CanonicalChange['from'];
type Kind = CanonicalChange['kind'];

/**
 * Two addresses agree when the Jaccard overlap of their alphanumeric tokens is at least this: one token in a typical
 * ten-token address may differ ("Rd" vs "Road", a dropped suite number), two may not.
 */
export const ADDRESS_JACCARD_MIN = 0.8;

export const foldText = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** 40, "40", "1,200", "$41.50", "40 pcs" → a number; anything else → null. */
export function toNumber(v: Value): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v == null) return null;
  const m = /^([-+]?\d*\.?\d+)\s*[a-z]*\.?$/i.exec(v.replace(/[,$€£]/g, '').trim());
  return m ? Number(m[1]) : null;
}

/** "2026-12-04", "2026-12-04T00:00:00Z", "Dec 4, 2026" → "2026-12-04"; anything else → null. */
export function toIsoDate(v: Value): string | null {
  if (typeof v !== 'string') return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(v.trim());
  if (iso) return iso[1]!;
  const t = Date.parse(`${v.trim()} UTC`);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
}

export const addressTokens = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function sameText(a: Value, b: Value): boolean {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na != null && nb != null) return sameNumber(na, nb);
  return foldText(String(a)) === foldText(String(b));
}

/** Do two `from` (or two `to`) values of a change of this kind agree? null only agrees with null. */
export function sameValue(kind: Kind, a: Value, b: Value): boolean {
  if (a == null || b == null) return a == null && b == null;
  switch (kind) {
    case 'quantity':
    case 'add_line':
    case 'price': {
      const na = toNumber(a);
      const nb = toNumber(b);
      return na != null && nb != null ? sameNumber(na, nb) : sameText(a, b);
    }
    case 'delivery_date': {
      const da = toIsoDate(a);
      const db = toIsoDate(b);
      return da != null && db != null ? da === db : sameText(a, b);
    }
    case 'ship_to':
      return jaccard(addressTokens(String(a)), addressTokens(String(b))) >= ADDRESS_JACCARD_MIN;
    case 'substitution':
      return normaliseSku(String(a)) === normaliseSku(String(b));
    default:
      return sameText(a, b);
  }
}

/** The matching key of a change: kind + item code as normaliseSku sees it (null sku = an order-wide change). */
export const changeKey = (c: Pick<CanonicalChange, 'kind' | 'sku'>): string => `${c.kind}|${c.sku == null ? '' : `#${normaliseSku(c.sku)}`}`;

/** Order references are compared as written, folding only case and whitespace. */
export const sameOrderRef = (a: string | null, b: string | null): boolean =>
  a == null || b == null ? a == null && b == null : foldText(a) === foldText(b);
