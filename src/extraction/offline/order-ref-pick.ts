// Which order a message is about: every order-like number, weighed by its label, where it stands and its context.
//
// Customers name orders with a label ("PO 4500012345"), by the distributor's number ("SO-100234") or bare, in the
// subject or in a phrase ("on HPM1192", "the SM-44120 order"). A bare code looks like an item code, so context
// decides: "(VFD-5HP-480)", "the HX-2210", "4 x 10-5520-02" are items; "on DPC-7741", a subject's code are orders.
import { normaliseSku } from '../../changes/sku.ts';
import type { Extraction } from '../schema.ts';
import { findItemCodes } from './item-codes.ts';
import { findOrderRefs, normaliseRef, otherDocumentNumbers, type RefCandidate } from './order-ref.ts';
import { evidenceAt, matchesIn, type Found, type PageText, type Span, type Tier } from './spans.ts';

/** Where a candidate was read; the subject is searched too but is not a document, so it has no page. */
export interface RefSource {
  tier: Tier | 'subject';
  page: PageText | null;
  spans: Span[];
  text: string;
}

interface Mention extends Found<string> {
  source: RefSource;
  key: string;
  score: number;
  /** Read as an item in the sender's own text: the value is then no order, unless a label says it is. */
  itemish: boolean;
  labelled: boolean;
  order: number;
  /** Whose number a label says it is: our sales order or the customer's PO; context mentions are taken as POs. */
  side?: RefCandidate['side'];
}

export interface PickedRef {
  orderRef: Extraction['orderRef'];
  warnings: string[];
  /** Item-code keys (normaliseSku) of numbers that are orders or other documents: never read as items. */
  notItems: Set<string>;
  /** Keys of numbers a label marks as another document (an invoice, a quote): never an order in a sentence either. */
  otherDocuments: Set<string>;
}

type Where = RefSource['tier'];
// A label beats context, which beats a bare digit run. The sender's newest words beat a forward, which beats a PDF
// (it may print quote or confirmation numbers), the subject (often an old thread's) and quoted history.
const LABELLED_SCORE: Record<Where, number> = { newest: 10, forwarded: 9, attachment: 8, subject: 7, history: 5 };
const CONTEXT_SCORE: Record<Where, number> = { newest: 6, forwarded: 5.5, attachment: 3, subject: 5, history: 3 };
// Our own sales-order number names the order too, but the customer's PO is the reference when both are given.
const SALES_ORDER_PENALTY = 4.5;
// A long digit run with no context is a weak guess (an invoice, a tracking number); a code with none is an item.
const BARE_SCORE: Record<Where, number> = { newest: 2, forwarded: 2, attachment: 1.5, subject: 4, history: 1 };
const MIN_SCORE = 2;

const ORDERISH_BEFORE = /\b(?:on|for|re|regarding|about|under|against|deliver|ship|hold|release|expedite)\s*:?\s*$/i;
const ORDERISH_AFTER = /^\s*(?:order|po\b|p\.o\.|pedido|bestellung|material|job|project|shipment|release)/i;
// "please update BWA-2026-0419." / "amend 4411-B as follows": a verb whose object ends the clause names the order;
// "change HX-2210 to 40" names an item, so what follows the code decides.
const EDIT_BEFORE = /\b(?:update|amend|revise|modify|adjust|correct|change)\s*$/i;
const CLAUSE_ENDS_AFTER = /^\s*(?:[.,;:!)]|$|\s*(?:to\s+(?:the|reflect|show|match)|as\s+(?:follows|below|per|shown)|accordingly|with\s+the|per\s+the|please|thanks?|thank|and\s+(?:let|confirm|send)))/i;
const ITEMISH_BEFORE = /(?:\(\s*|\bthe\s+|\b\d+\s*(?:x|×|pcs?|ea|units?|of)?\s*|\b(?:replace|with|instead\s+of|place\s+of)\s+)$/i;
const ITEMISH_AFTER = /^\s*(?:\(|\))/;
// "the unit price on SK-3300", "quantity for AB-12": a line's field names an item, whatever preposition follows.
const ITEM_FIELD_BEFORE = /\b(?:price|pricing|cost|quantity|qty|count|lead\s+time|uom|unit\s+of\s+measure)\s+(?:on|for|of)\s+(?:the\s+|item\s+|part\s+)?$/i;
const SUBJECT_PREFIX = /^\s*(?:(?:re|aw|sv|fwd?|fw|wg|rv|tr|enc)\s*:\s*)*/i;
const LONG_DIGITS = /(?<![\w.,$€£#\/-])\d{7,12}(?![\w\/-]|[.,]\d)/g;

export function pickOrderRef(sources: RefSource[]): PickedRef {
  const mentions: Mention[] = [];
  const otherDocuments = new Set<string>();
  for (const source of sources) {
    for (const span of source.spans) {
      for (const d of otherDocumentNumbers(source.text, span)) otherDocuments.add(normaliseSku(d.value));
      mentions.push(...labelledMentions(source, span, mentions.length), ...contextMentions(source, span, mentions.length));
    }
  }
  const notItems = new Set(otherDocuments);
  for (const m of mentions) if (m.labelled) notItems.add(normaliseSku(m.value));
  const usable = mentions.filter((m) => m.labelled || !otherDocuments.has(normaliseSku(m.value)));
  const best = bestValue(usable);
  if (!best) return { orderRef: null, warnings: [], notItems, otherDocuments };
  notItems.add(normaliseSku(best.top.value));
  return { ...grounded(best, usable), notItems, otherDocuments };
}

function labelledMentions(source: RefSource, span: Span, base: number): Mention[] {
  return findOrderRefs(source.text, span)
    .filter((c) => c.labelled)
    .map((c, i) => ({
      ...c, source, key: normaliseRef(c.value), itemish: false, labelled: true, order: base + i,
      score: LABELLED_SCORE[source.tier] - (c.side === 'so' ? SALES_ORDER_PENALTY : 0),
    }));
}

/** Code-shaped and long digit tokens, scored by what stands around them. */
function contextMentions(source: RefSource, span: Span, base: number): Mention[] {
  const text = source.text;
  const tokens: (Found<string> & { itemLabel: boolean; bare: boolean })[] = [
    ...findItemCodes(text, span).map((c) => ({ ...c, itemLabel: c.labelled, bare: false })),
    ...[...matchesIn(text, span, LONG_DIGITS)].map((m) => ({ start: m.at, end: m.at + m[0].length, value: m[0], itemLabel: false, bare: true })),
  ];
  const firstInSubject = source.tier === 'subject' ? tokens.reduce<number>((min, t) => Math.min(min, t.start), Infinity) : -1;
  return tokens.map((t, i) => {
    const before = text.slice(Math.max(span.start, t.start - 40), t.start).split('\n').pop()!;
    const after = text.slice(t.end, Math.min(span.end, t.end + 20));
    const aboutItem = ITEM_FIELD_BEFORE.test(before);
    const orderish = !aboutItem && (ORDERISH_AFTER.test(after) || ORDERISH_BEFORE.test(before) || (EDIT_BEFORE.test(before) && CLAUSE_ENDS_AFTER.test(after)));
    const itemish = !orderish && (aboutItem || t.itemLabel || ITEMISH_BEFORE.test(before) || ITEMISH_AFTER.test(after));
    const leads = t.start === firstInSubject && SUBJECT_PREFIX.exec(text)![0].length <= t.start;
    const score = orderish || leads ? CONTEXT_SCORE[source.tier] : t.bare || source.tier === 'subject' ? BARE_SCORE[source.tier] : 0;
    return { ...t, source, key: normaliseRef(t.value), score, itemish: itemish && source.tier !== 'history' && source.tier !== 'subject', labelled: false, order: base + i };
  });
}

interface Ranked {
  top: Mention;
  score: number;
  same: Mention[];
}

/** The value with the best mention; more mentions add a little; one mention as an item rules an unlabelled value out. */
function bestValue(mentions: Mention[]): Ranked | null {
  const byKey = new Map<string, Mention[]>();
  for (const m of mentions) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  const ranked: Ranked[] = [];
  for (const same of byKey.values()) {
    if (!same.some((m) => m.labelled) && same.some((m) => m.itemish)) continue;
    const top = [...same].sort((a, b) => b.score - a.score || a.order - b.order)[0]!;
    const score = top.score + 0.25 * Math.min(3, new Set(same.map((m) => m.source.tier)).size - 1);
    if (score >= MIN_SCORE) ranked.push({ top, score, same });
  }
  ranked.sort((a, b) => b.score - a.score || a.top.order - b.top.order);
  const [best, second] = ranked;
  if (!best) return null;
  // A remittance or a statement lists many orders alike: naming one of them would be a guess.
  // (Our own sales-order numbers beside the customer's PO are no such list.)
  const alike = ranked.filter((r) => r !== best && best.score - r.score < 1 && !r.same.some((m) => m.itemish) && (r.top.side ?? 'po') === (best.top.side ?? 'po'));
  if (alike.length >= 2) return null;
  return second && best.score - second.score < 1 ? { ...best, score: best.score - 1.5 } : best;
}

function grounded(best: Ranked, all: Mention[]): Omit<PickedRef, 'notItems' | 'otherDocuments'> {
  const evidence = best.same.filter((m) => m.source.page).map((m) => evidenceAt(m.source.page!, m));
  const rivals = new Set(all.filter((m) => m.score >= best.top.score - 1 && m.key !== best.top.key && !m.itemish).map((m) => m.value));
  const warnings: string[] = [];
  if (rivals.size > 0) warnings.push(`several order references in the message (${[best.top.value, ...rivals].join(', ')}); ${best.top.value} was taken`);
  if (evidence.length === 0) warnings.push('the order reference appears only in the subject line');
  if (!best.top.labelled) warnings.push(`"${best.top.value}" was taken as the order reference from its context, without a label such as "PO"`);
  const confidence = round(0.3 + 0.065 * best.score + (new Set(best.same.map((m) => m.source.tier)).size > 1 ? 0.05 : 0));
  return { orderRef: { value: best.top.value, evidence: dedupeEvidence(evidence), confidence }, warnings };
}

const round = (x: number) => Math.round(Math.min(0.97, Math.max(0.05, x)) * 100) / 100;

function dedupeEvidence<T extends { documentId: string; page: number | null; start: number }>(list: T[]): T[] {
  const seen = new Set<string>();
  const key = (e: T) => `${e.documentId}#${e.page}@${e.start}`;
  return list.filter((e) => !seen.has(key(e)) && seen.add(key(e)));
}
