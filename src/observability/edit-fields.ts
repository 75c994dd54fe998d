// Which fields a human corrected: the model's suggestion against what was finally decided (where the model is wrong).
import type { CanonicalChange } from '../changes/schema.ts';
import { sameSku } from '../changes/sku.ts';
import { canonicalJson } from '../shared/hash.ts';

export interface Suggestion {
  orderRef: string | null;
  changes: CanonicalChange[];
}

/** A corrected field: `orderRef`, `<kind>.<sku|from|to>`, or a whole change the human added or removed. */
export type FieldEdit = { field: string; how: 'edited' | 'added' | 'removed' };

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Pairs the suggested changes with the decided ones (identical first, then same kind and item, then same kind in
 * order), and names every field that differs; unpaired changes were added or removed by the reviewer.
 */
export function fieldEdits(suggested: Suggestion, decided: Suggestion): FieldEdit[] {
  const out: FieldEdit[] = [];
  if (!same(suggested.orderRef, decided.orderRef)) out.push({ field: 'orderRef', how: 'edited' });
  const left = [...suggested.changes];
  const right = [...decided.changes];
  const pairs: [CanonicalChange, CanonicalChange][] = [];
  const take = (match: (a: CanonicalChange, b: CanonicalChange) => boolean) => {
    for (let i = 0; i < left.length; ) {
      const j = right.findIndex((b) => match(left[i]!, b));
      if (j < 0) { i++; continue; }
      pairs.push([left[i]!, right[j]!]);
      left.splice(i, 1);
      right.splice(j, 1);
    }
  };
  take((a, b) => same(a, b));
  take((a, b) => a.kind === b.kind && (sameSku(a.sku, b.sku) || (a.sku == null && b.sku == null)));
  take((a, b) => a.kind === b.kind);
  for (const [a, b] of pairs)
    for (const f of ['sku', 'from', 'to'] as const) if (!same(a[f], b[f]) && !(f === 'sku' && sameSku(a.sku, b.sku))) out.push({ field: `${a.kind}.${f}`, how: 'edited' });
  for (const a of left) out.push({ field: a.kind, how: 'removed' });
  for (const b of right) out.push({ field: b.kind, how: 'added' });
  return out;
}
