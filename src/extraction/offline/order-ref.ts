// Order references (the customer's PO or our sales-order number): find them, then pick the one the message is about.
import type { Extraction } from '../schema.ts';
import { evidenceAt, matchesIn, overlaps, type Found, type PageText, type Span, type Tier } from './spans.ts';

export interface RefCandidate extends Found<string> {
  /** Named as an order by a label ("PO", "order no.", "Bestellung") or by its own prefix ("SO-100234"). */
  labelled: boolean;
}

/** Where a candidate was read; the subject is searched too but is not a document, so it has no page. */
export interface RefSource {
  tier: Tier | 'subject';
  page: PageText | null;
  spans: Span[];
  text: string;
}

const NUMBER_WORD = String.raw`(?:no\.?|nr\.?|num\.?|number|nummer|n[º°o]\.?|número|#)`;
const LABEL_CI = [
  String.raw`p\.?\s?o\.?(?=[\s#:.\-]|no|nr)`,
  String.raw`purchase[\s-]*order`,
  String.raw`sales[\s-]*order`,
  String.raw`(?:our|your|customer|my)\s+(?:order|po)`,
  String.raw`order`,
  String.raw`bestell(?:ung|nummer|-?nr\.?)`,
  String.raw`auftrag(?:snummer|s-?nr\.?)?`,
  String.raw`orden\s+de\s+compra`,
  String.raw`(?:n[uú]mero\s+de\s+)?pedido`,
].join('|');
// "SO" and "OC" are also words ("so 40 of them"), so they count as labels only in capitals.
const LABEL_CS = String.raw`S\.?O\.?|O\.?C\.?`;

const VALUE = String.raw`((?:[A-Z]{1,4}-?)?\d[\dA-Z]*(?:[-\/]\d[\dA-Z]*)*)`;
const SEP = String.raw`\s*(?:${NUMBER_WORD}\s*)?[:#.]?\s*`;
const LABELLED_CI = new RegExp(String.raw`\b(${LABEL_CI})(${SEP})${VALUE}(?![\w\/-])`, 'gi');
const LABELLED_CS = new RegExp(String.raw`\b(${LABEL_CS})(\s*(?:No\.?|Nr\.?|#|:)\s*|\s+)${VALUE}(?![\w\/-])`, 'g');
const DATE_SHAPE = /^\d{1,4}[\/.-]\d{1,2}[\/.-]\d{2,4}$/;
// A prefix fused to the digits is part of the number as written: "SO-100234", "PO4500012345".
const SELF_LABELLED = /(?<![\w\/-])(?:PO|SO)-?\d{3,}(?:-\d+)*(?![\w\/-])/gi;
// A long bare digit run is a weak guess (it may be an invoice, a tracking number or a phone).
const BARE = /(?<![\w.,$€£#\/-])\d{7,12}(?![\w\/-]|[.,]\d)/g;
const NOT_AN_ORDER_BEFORE = /\b(?:invoice|inv|tracking|track|account|acct|customer\s+(?:no|number|id)|tel|phone|fax|mobile|cell|vat|tax|iban|reg)\W{0,4}$/i;
const UNIT_AFTER = /^\s*(?:units?|pcs?|pieces?|ea|each|cases?|boxes?|pallets?|more|x)\b/i;

const digits = (s: string) => s.replace(/\D/g, '').length;

/** Normalised for comparison: "SO-100234", "so 100234" and "100234" name the same order. */
export const normaliseRef = (v: string): string => v.toUpperCase().replace(/^(?:P\.?O|S\.?O)\W*/, '').replace(/[^A-Z0-9]/g, '');

export function findOrderRefs(text: string, span: Span): RefCandidate[] {
  const out: RefCandidate[] = [];
  const add = (c: RefCandidate) => {
    if (!out.some((o) => overlaps(o, c))) out.push(c);
  };
  for (const m of matchesIn(text, span, SELF_LABELLED)) add({ start: m.at, end: m.at + m[0].length, value: m[0], labelled: true });
  for (const re of [LABELLED_CI, LABELLED_CS]) {
    for (const m of matchesIn(text, span, re)) {
      const [, label, sep, value] = m as unknown as [string, string, string, string];
      const start = m.at + m[0].length - value.length;
      // A bare "order" is also a verb ("order 4000 more"): it needs a longer number that is not a year.
      const bareOrder = /^order$/i.test(label) && !/\S/.test(sep);
      if (digits(value) < (bareOrder ? 4 : 3) || DATE_SHAPE.test(value)) continue;
      if (bareOrder && /^(?:19|20)\d\d$/.test(value)) continue;
      if (UNIT_AFTER.test(text.slice(start + value.length, span.end))) continue;
      add({ start, end: start + value.length, value, labelled: true });
    }
  }
  for (const m of matchesIn(text, span, BARE)) {
    if (NOT_AN_ORDER_BEFORE.test(text.slice(Math.max(span.start, m.at - 30), m.at))) continue;
    add({ start: m.at, end: m.at + m[0].length, value: m[0], labelled: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

// Which mention wins. A label beats a bare number anywhere, because a bare digit run is a guess. Among labelled
// ones the sender's newest words beat a forwarded message (it may be an older request), which beats a PDF
// (a change notice may also print quote or confirmation numbers), which beats the subject (often an old
// thread's), which beats quoted history. Position breaks ties: people name the order before the changes.
const TIER_RANK: Record<RefSource['tier'], number> = { newest: 0, forwarded: 1, attachment: 2, subject: 3, history: 4 };
const TIER_CONFIDENCE: Record<RefSource['tier'], number> = { newest: 0.9, forwarded: 0.88, attachment: 0.85, subject: 0.7, history: 0.75 };

type Ranked = RefCandidate & { source: RefSource; order: number };

export function pickOrderRef(sources: RefSource[]): { orderRef: Extraction['orderRef']; warnings: string[] } {
  const all: Ranked[] = [];
  for (const source of sources) {
    for (const span of source.spans) {
      for (const c of findOrderRefs(source.text, span)) all.push({ ...c, source, order: all.length });
    }
  }
  const rank = (c: Ranked) => (c.labelled ? 0 : 10) + TIER_RANK[c.source.tier];
  const best = [...all].sort((a, b) => rank(a) - rank(b) || a.order - b.order)[0];
  if (!best) return { orderRef: null, warnings: [] };
  const key = normaliseRef(best.value);
  const same = all.filter((c) => normaliseRef(c.value) === key);
  const evidence = same.filter((c) => c.source.page).map((c) => evidenceAt(c.source.page!, c));
  const rivals = new Set(all.filter((c) => c.labelled === best.labelled && c.source.tier === best.source.tier).map((c) => normaliseRef(c.value)));
  let confidence = best.labelled ? TIER_CONFIDENCE[best.source.tier] : 0.45;
  if (new Set(same.map((c) => c.source.tier)).size > 1) confidence += 0.05;
  const warnings: string[] = [];
  if (rivals.size > 1) {
    confidence -= 0.1;
    warnings.push(`several order references in the message (${[...rivals].join(', ')}); the first was taken`);
  }
  if (evidence.length === 0) warnings.push('the order reference appears only in the subject line');
  return { orderRef: { value: best.value, evidence: dedupeEvidence(evidence), confidence: round(confidence) }, warnings };
}

const round = (x: number) => Math.round(Math.min(0.97, Math.max(0.05, x)) * 100) / 100;

function dedupeEvidence<T extends { documentId: string; page: number | null; start: number }>(list: T[]): T[] {
  const seen = new Set<string>();
  const key = (e: T) => `${e.documentId}#${e.page}@${e.start}`;
  return list.filter((e) => !seen.has(key(e)) && seen.add(key(e)));
}
