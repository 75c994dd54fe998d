// Scores one case: expected vs predicted category, orderRef and changes, as per-field verdicts a person can read.
import type { CanonicalItem } from '../src/review/schema.ts';
import { matchChanges } from './match.ts';
import { sameOrderRef, sameValue } from './normalise.ts';
import type { CaseRecord, ChangeVerdict, Expected } from './schema.ts';

export type Verdicts = CaseRecord['verdicts'];

/** `confidences[i]` is the provider's confidence in predicted change i. */
export function scoreCase(expected: Expected, predicted: CanonicalItem | null, confidences: readonly number[] = []): { verdicts: Verdicts; pass: boolean } {
  const pred = predicted?.changes ?? [];
  const { pairs, missed, spurious } = matchChanges(expected.changes, pred);
  const rows: ChangeVerdict[] = [];
  for (const [e, p] of pairs) {
    const ex = expected.changes[e]!;
    const pr = pred[p]!;
    const from = sameValue(ex.kind, ex.from, pr.from);
    const to = sameValue(ex.kind, ex.to, pr.to);
    rows.push({ kind: ex.kind, sku: ex.sku, expected: e, predicted: p, status: from && to ? 'correct' : 'wrong_value', from, to, confidence: confidences[p] ?? null });
  }
  for (const e of missed) {
    const ex = expected.changes[e]!;
    rows.push({ kind: ex.kind, sku: ex.sku, expected: e, predicted: null, status: 'missed', from: null, to: null, confidence: null });
  }
  for (const p of spurious) {
    const pr = pred[p]!;
    rows.push({ kind: pr.kind, sku: pr.sku, expected: null, predicted: p, status: 'spurious', from: null, to: null, confidence: confidences[p] ?? null });
  }
  const verdicts: Verdicts = {
    category: predicted != null && predicted.category === expected.category,
    orderRef: predicted != null && sameOrderRef(expected.orderRef, predicted.orderRef),
    changes: rows,
  };
  return { verdicts, pass: verdicts.category && verdicts.orderRef && rows.every((r) => r.status === 'correct') };
}

const show = (v: unknown) => (v == null ? 'null' : JSON.stringify(v));
const label = (r: Pick<ChangeVerdict, 'kind' | 'sku'>) => `${r.kind}${r.sku ? ` ${r.sku}` : ''}`;

/** One line per field that differs, e.g. `quantity HX-2210: to expected 40, got 45`. Empty when the case passed. */
export function caseProblems(r: Pick<CaseRecord, 'status' | 'error' | 'expected' | 'predicted' | 'verdicts'>): string[] {
  if (r.status !== 'ok') return [`${r.status}: ${r.error ?? 'no suggestion'}`];
  const out: string[] = [];
  if (!r.verdicts.category) out.push(`category: expected ${r.expected.category}, got ${r.predicted?.category ?? 'nothing'}`);
  if (!r.verdicts.orderRef) out.push(`orderRef: expected ${show(r.expected.orderRef)}, got ${show(r.predicted?.orderRef ?? null)}`);
  for (const c of r.verdicts.changes) {
    const ex = c.expected == null ? null : r.expected.changes[c.expected];
    const pr = c.predicted == null ? null : r.predicted?.changes[c.predicted];
    if (c.status === 'missed' && ex) out.push(`${label(c)}: missed (expected from ${show(ex.from)} to ${show(ex.to)})`);
    if (c.status === 'spurious' && pr) out.push(`${label(pr)}: not asked for (predicted from ${show(pr.from)} to ${show(pr.to)})`);
    if (c.status === 'wrong_value' && ex && pr) {
      if (!c.from) out.push(`${label(c)}: from expected ${show(ex.from)}, got ${show(pr.from)}`);
      if (!c.to) out.push(`${label(c)}: to expected ${show(ex.to)}, got ${show(pr.to)}`);
    }
  }
  return out;
}
