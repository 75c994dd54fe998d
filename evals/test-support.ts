// Builds case records by hand for the harness's unit tests (scored by the real scoreCase).
import type { CanonicalChange } from '../src/changes/schema.ts';
import type { CanonicalItem } from '../src/review/schema.ts';
import { scoreCase } from './score-case.ts';
import { zeroUsage, type CaseRecord, type Expected, type Usage } from './schema.ts';

export const change = (kind: CanonicalChange['kind'], sku: string | null, from: CanonicalChange['from'], to: CanonicalChange['to']): CanonicalChange => ({ kind, sku, from, to });

export interface PredictedSpec extends CanonicalItem {
  confidences?: number[];
  categoryConfidence?: number;
  orderRefConfidence?: number;
}

export function record(id: string, expected: Expected, predicted: PredictedSpec | null, o: { trial?: number; latencyMs?: number; risk?: number; usage?: Partial<Usage> } = {}): CaseRecord {
  const item = predicted ? { category: predicted.category, orderRef: predicted.orderRef, changes: predicted.changes } : null;
  return {
    id, trial: o.trial ?? 1, status: predicted ? 'ok' : 'error', error: predicted ? null : 'boom', expected, predicted: item,
    ...scoreCase(expected, item, predicted?.confidences ?? []),
    confidence: { category: predicted?.categoryConfidence ?? null, orderRef: predicted?.orderRefConfidence ?? null },
    risk: o.risk == null ? null : { probability: o.risk, disputed: expected.disputed ?? null },
    latencyMs: o.latencyMs ?? 1, usage: { ...zeroUsage(), ...o.usage },
  };
}
