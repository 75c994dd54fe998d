// Reads each sentence once: item codes, order refs, dates, money, and the numbers left over that may be quantities.
import { normaliseSku } from '../../changes/sku.ts';
import { nonQuantitySpans } from './claims.ts';
import { findDates, type DateMention, type DateReference } from './date-mentions.ts';
import { findItemCodes, type ItemCode } from './item-codes.ts';
import { findMoney } from './money.ts';
import { findNumbers } from './numbers.ts';
import { findOrderRefs } from './order-ref.ts';
import { splitSentences, type SentenceSpan } from './sentences.ts';
import { overlaps, type Found, type PageText, type Span, type Tier } from './spans.ts';

/** A part of one page that extraction reads: the newest message, forwarded content, a PDF page, quoted history. */
export interface Region {
  page: PageText;
  tier: Tier;
  spans: Span[];
}

/** What is known about the message before its sentences are read. */
export interface MessageFacts {
  /** Item-code keys (normaliseSku) of the order reference and of other documents' numbers: never items. */
  notItems: ReadonlySet<string>;
  /** Numbers labelled elsewhere as another document (an invoice): a bare one in a sentence is not an order ref. */
  otherDocuments?: ReadonlySet<string>;
  /** Item-code key of the order the message is about: a code equal to it is an order reference. */
  orderKey: string | null;
}

export interface Sentence extends SentenceSpan {
  page: PageText;
  tier: Tier;
  /** Position among all sentences of the message, in reading order. */
  index: number;
  text: string;
  skus: ItemCode[];
  orderRefs: Found<string>[];
  dates: DateMention[];
  money: Found<number>[];
  /** Numbers that are none of the above, nor a phone, time, percentage, duration or address: maybe a count. */
  quantities: Found<number>[];
}

const NO_FACTS: MessageFacts = { notItems: new Set(), orderKey: null };

export function annotate(regions: readonly Region[], ref: DateReference, facts: MessageFacts = NO_FACTS): Sentence[] {
  const out: Sentence[] = [];
  for (const region of regions) {
    for (const span of region.spans) {
      for (const s of splitSentences(region.page.text, span, region.tier !== 'attachment')) out.push(annotateSentence(region, s, ref, facts, out.length));
    }
  }
  return out;
}

function annotateSentence(region: Region, s: SentenceSpan, ref: DateReference, facts: MessageFacts, index: number): Sentence {
  const text = region.page.text;
  const orderRefs: Found<string>[] = findOrderRefs(text, s).filter((r) => r.labelled || !facts.otherDocuments?.has(normaliseSku(r.value)));
  const codes = findItemCodes(text, s).filter((c) => !orderRefs.some((r) => overlaps(r, c)));
  const isOrder = (c: ItemCode) => facts.orderKey != null && normaliseSku(c.value) === facts.orderKey;
  orderRefs.push(...codes.filter(isOrder));
  const others = codes.filter((c) => !isOrder(c) && facts.notItems.has(normaliseSku(c.value)));
  const skus = codes.filter((c) => !isOrder(c) && !others.includes(c));
  const money = findMoney(text, s).filter((m) => !codes.some((c) => overlaps(c, m)));
  const dates = findDates(text, s, ref, [...codes, ...orderRefs, ...money]);
  const taken: Span[] = [...codes, ...orderRefs, ...money, ...dates, ...nonQuantitySpans(text, s)];
  const quantities = findNumbers(text, s).filter((n) => !taken.some((t) => overlaps(t, n)));
  return { ...s, page: region.page, tier: region.tier, index, text: text.slice(s.start, s.end), skus, orderRefs: orderRefs.sort((a, b) => a.start - b.start), dates, money, quantities };
}
