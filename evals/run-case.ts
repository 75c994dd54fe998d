// Runs one case through the real pipeline stages (parseMime → suggest, no ERP) and scores what they suggest.
import { readFile } from 'node:fs/promises';
import { parseMime } from '../src/intake/parse-mime.ts';
import { toCanonicalItem } from '../src/review/schema.ts';
import { suggest } from '../src/triage/suggest.ts';
import type { EvalCase } from './discover.ts';
import { usageMeter, type EvalProvider } from './providers.ts';
import { scoreCase } from './score-case.ts';
import { caseRecordSchema, type CaseRecord } from './schema.ts';

/**
 * Stands in for the time the message was received when it has no Date header. Fixed, so that relative dates in such
 * a message resolve the same way on every run.
 */
export const EVAL_RECEIVED_AT = '2026-01-01T00:00:00.000Z';

export async function runCase(c: EvalCase, trial: number, provider: EvalProvider): Promise<CaseRecord> {
  // Parsed through the schema: a record that cases.jsonl could not be read back from fails here, and keys keep its order.
  return caseRecordSchema.parse(await run(c, trial, provider));
}

async function run(c: EvalCase, trial: number, provider: EvalProvider): Promise<CaseRecord> {
  const raw = await readFile(c.emlPath);
  const meter = usageMeter();
  const messageId = `eval:${c.id}`;
  const started = performance.now();
  const base = { id: c.id, trial, expected: c.expected, confidence: { category: null, orderRef: null }, risk: null };
  try {
    const parsed = await parseMime(raw, messageId);
    if ('quarantine' in parsed) {
      return { ...base, ...scoreCase(c.expected, null), status: 'quarantined', error: parsed.quarantine, predicted: null, latencyMs: performance.now() - started, usage: meter.usage };
    }
    const message = { id: messageId, subject: parsed.headers.subject, sentAt: parsed.headers.sentAt, receivedAt: EVAL_RECEIVED_AT, warnings: parsed.headers.warnings };
    const suggestion = await suggest({ message, documents: parsed.documents }, { provider: provider.forCase({ meter, sample: trial - 1 }), erp: null });
    const latencyMs = performance.now() - started;
    const predicted = toCanonicalItem(suggestion);
    return {
      ...base, ...scoreCase(c.expected, predicted, suggestion.changes.map((ch) => ch.confidence)),
      status: 'ok', error: null, predicted,
      confidence: { category: suggestion.classification.confidence, orderRef: suggestion.orderRef?.confidence ?? null },
      risk: { probability: suggestion.risk.probability, disputed: c.expected.disputed ?? null },
      latencyMs, usage: meter.usage,
    };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ...base, ...scoreCase(c.expected, null), status: 'error', error, predicted: null, latencyMs: performance.now() - started, usage: meter.usage };
  }
}
