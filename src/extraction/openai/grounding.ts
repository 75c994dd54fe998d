// The grounding check: every value the model returns is looked up in the blocks it read. A value that is not there
// is flagged for the reviewer and lowers the confidence; an item code or order absent from the message never passes
// quietly. The model's own confidence counts for little: what the text shows decides.
import type { ProposedChange } from '../../changes/schema.ts';
import type { Evidence } from '../evidence.ts';
import { findDates, type DateReference } from '../offline/date-mentions.ts';
import type { Extraction } from '../schema.ts';
import type { Block } from './input-blocks.ts';
import { datesIn, evidenceOf, locateCode, locateQuote, numbersIn, type Located } from './locate.ts';
import type { ModelChange, ModelExtraction } from './schemas.ts';

type Status = 'found' | 'derived' | 'missing';

interface ValueCheck {
  status: Status;
  at: Located[];
  warning: string | null;
  /** An item code: when it is missing, the change names something the customer did not write. */
  code?: boolean;
}

/** What a missing or derived value costs. A missing item code caps the change far below anything auto-trusted. */
const FACTOR = { quoteMissing: 0.6, derived: 0.85, missing: 0.4 } as const;
export const INVENTED_CAP = 0.25;

const clamp = (x: number) => Math.round(Math.min(0.97, Math.max(0.05, x)) * 100) / 100;
/** A model's self-reported confidence, squeezed: it may rank, it may not decide. */
const selfReported = (c: number) => Math.min(0.9, Math.max(0.3, Number.isFinite(c) ? c : 0.5));
const show = (v: unknown) => JSON.stringify(v);

export interface GroundedRef {
  value: NonNullable<Extraction['orderRef']>;
  /** Where it was found: newest message first, then forwarded, attachment, subject; 9 when not found at all. */
  rank: number;
  warnings: string[];
}

export function groundAnswer(answer: ModelExtraction, blocks: readonly Block[], ref: DateReference): { orderRef: GroundedRef | null; changes: ProposedChange[] } {
  return {
    orderRef: answer.orderRef ? groundOrderRef(answer.orderRef, blocks) : null,
    changes: answer.changes.map((c) => groundChange(c, blocks, ref)),
  };
}

const RANK: Record<Block['kind'], number> = { newest: 0, forwarded: 1, attachment: 2, subject: 3 };
const REF_CONFIDENCE = [0.9, 0.88, 0.85, 0.7];

export function groundOrderRef(orderRef: NonNullable<ModelExtraction['orderRef']>, blocks: readonly Block[]): GroundedRef {
  const near = locateQuote(blocks, orderRef.source, orderRef.quote);
  const found = locateCode(blocks, orderRef.value, near);
  if (found.length === 0) {
    return {
      value: { value: orderRef.value, evidence: [], confidence: 0.1 },
      rank: 9,
      warnings: [`order reference ${show(orderRef.value)} does not appear in the message: the model may have invented it; check it before approving`],
    };
  }
  const rank = Math.min(...found.map((f) => RANK[f.block.kind]));
  const evidence = dedupe(found.map(evidenceOf));
  const warnings = evidence.length === 0 ? ['the order reference appears only in the subject line'] : [];
  return { value: { value: orderRef.value, evidence, confidence: REF_CONFIDENCE[rank]! }, rank, warnings };
}

export function groundChange(c: ModelChange, blocks: readonly Block[], ref: DateReference): ProposedChange {
  const quote = locateQuote(blocks, c.source, c.quote);
  const warnings: string[] = [];
  let confidence = selfReported(c.confidence);
  if (!quote) {
    confidence *= FACTOR.quoteMissing;
    warnings.push(`the words the model quoted (${show(truncate(c.quote))}) were not found in the message`);
  }
  const checks: ValueCheck[] = [];
  if (c.sku != null) checks.push(checkCode('item code', c.sku, blocks, quote));
  if (c.kind === 'substitution' && typeof c.to === 'string') checks.push(checkCode('substitute item code', c.to, blocks, quote));
  else {
    if (c.from != null) checks.push(checkValue(c.kind, 'from', c.from, blocks, quote, ref));
    if (c.to != null) checks.push(checkValue(c.kind, 'to', c.to, blocks, quote, ref));
  }
  for (const check of checks) {
    if (check.warning) warnings.push(check.warning);
    if (check.status !== 'found') confidence *= FACTOR[check.status];
  }
  if (checks.some((k) => k.code && k.status === 'missing')) confidence = Math.min(confidence, INVENTED_CAP);
  const evidence = dedupe([quote, ...checks.flatMap((k) => k.at.filter((at) => !quote || !inside(at, quote)).slice(0, 1))].map((l) => (l ? evidenceOf(l) : null)));
  return { kind: c.kind, sku: c.sku, from: c.from, to: c.to, evidence, confidence: clamp(confidence), warnings, source: 'model' };
}

function checkCode(what: string, code: string, blocks: readonly Block[], quote: Located | null): ValueCheck {
  const at = locateCode(blocks, code, quote);
  return at.length > 0
    ? { status: 'found', at, warning: null, code: true }
    : { status: 'missing', at, warning: `${what} ${show(code)} does not appear in the message: the model may have invented it`, code: true };
}

const NUMERIC_KINDS = new Set(['quantity', 'add_line', 'price']);
// Words a date is worked out from ("two weeks later", "next Monday", "la semana próxima", "nächste Woche").
const RELATIVE_WORDS = /\b(?:today|tomorrow|next|this|end of|later|earlier|weeks?|days?|months?|mon|tue|wed|thu|fri|sat|sun|holiday|thanksgiving|christmas|pr[oó]xim|siguiente|semana|n[aä]chste|woche|prochain|semaine|volgende)\w*/i;

function checkValue(kind: string, field: 'from' | 'to', value: number | string, blocks: readonly Block[], quote: Located | null, ref: DateReference): ValueCheck {
  const where = quote ? [quote.block, ...blocks.filter((b) => b !== quote.block)] : blocks;
  const missing = (why = 'was not found in the message text'): ValueCheck => ({ status: 'missing', at: [], warning: `${kind} ${field} value ${show(value)} ${why}` });
  if (NUMERIC_KINDS.has(kind) && typeof value === 'number') {
    const at = locateIn(where, quote, (b, span) => numbersIn(b.text, span).filter((n) => Math.abs(n.value - value) < 1e-9).map((n) => n.span));
    return at.length > 0 ? { status: 'found', at, warning: null } : missing();
  }
  if (kind === 'delivery_date' && typeof value === 'string') {
    const at = locateIn(where, quote, (b, span) => datesIn(b.text, span, value, ref));
    if (at.length > 0) return { status: 'found', at, warning: null };
    // A quote that writes only calendar dates, none of them this one, does not explain it: the date is missing.
    const written = quote ? findDates(quote.block.text, quote, ref) : [];
    const onlyCalendar = written.length > 0 && written.every((d) => d.precision !== 'relative');
    if (quote && !onlyCalendar && RELATIVE_WORDS.test(quote.block.text.slice(quote.start, quote.end)))
      return { status: 'derived', at: [], warning: `the date ${value} is not written in the message; it was worked out from ${show(truncate(quote.block.text.slice(quote.start, quote.end)))}: check it` };
    return missing();
  }
  if (typeof value === 'string') {
    const share = tokenShare(value, where.map((b) => b.text).join('\n'));
    if (share >= 0.75) return { status: 'found', at: [], warning: null };
    if (kind === 'other' && quote) return { status: 'derived', at: [], warning: `the "other" change is the model's summary of ${show(truncate(quote.block.text.slice(quote.start, quote.end)))}` };
    return missing(share > 0 ? 'is only partly found in the message text' : 'was not found in the message text');
  }
  return missing();
}

/** Matches inside the quote first, else anywhere in the blocks. */
function locateIn(blocks: readonly Block[], quote: Located | null, find: (b: Block, span: { start: number; end: number }) => { start: number; end: number }[]): Located[] {
  if (quote) {
    const inQuote = find(quote.block, quote).map((s) => ({ block: quote.block, ...s }));
    if (inQuote.length > 0) return inQuote;
  }
  return blocks.flatMap((b) => find(b, { start: 0, end: b.text.length }).map((s) => ({ block: b, ...s })));
}

/** Share of the value's words (letters and digits, 2+ characters) that occur in the text. */
function tokenShare(value: string, text: string): number {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const wanted = words(value);
  if (wanted.length === 0) return 0;
  const have = new Set(words(text));
  return wanted.filter((w) => have.has(w)).length / wanted.length;
}

const inside = (a: Located, b: Located) => a.block === b.block && a.start >= b.start && a.end <= b.end;
const truncate = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

function dedupe(list: (Evidence | null)[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e): e is Evidence => e != null && !seen.has(`${e.documentId}#${e.page}@${e.start}-${e.end}`) && !!seen.add(`${e.documentId}#${e.page}@${e.start}-${e.end}`));
}
