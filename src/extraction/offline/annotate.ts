// Reads each sentence once: item codes, order refs, dates, money, and the numbers left over that may be quantities.
import { nonQuantitySpans } from './claims.ts';
import { findDates, type DateMention, type DateReference } from './date-mentions.ts';
import { findItemCodes } from './item-codes.ts';
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

export interface Sentence extends SentenceSpan {
  page: PageText;
  tier: Tier;
  /** Position among all sentences of the message, in reading order. */
  index: number;
  text: string;
  skus: Found<string>[];
  orderRefs: Found<string>[];
  dates: DateMention[];
  money: Found<number>[];
  /** Numbers that are none of the above, nor a phone, time, percentage, duration or address: maybe a count. */
  quantities: Found<number>[];
}

export function annotate(regions: readonly Region[], ref: DateReference): Sentence[] {
  const out: Sentence[] = [];
  for (const region of regions) {
    for (const span of region.spans) {
      for (const s of splitSentences(region.page.text, span)) out.push(annotateSentence(region, s, ref, out.length));
    }
  }
  return out;
}

function annotateSentence(region: Region, s: SentenceSpan, ref: DateReference, index: number): Sentence {
  const text = region.page.text;
  const orderRefs = findOrderRefs(text, s);
  const skus = findItemCodes(text, s).filter((c) => !orderRefs.some((r) => overlaps(r, c)));
  const money = findMoney(text, s).filter((m) => !skus.some((c) => overlaps(c, m)));
  const dates = findDates(text, s, ref, [...skus, ...orderRefs, ...money]);
  const taken: Span[] = [...skus, ...orderRefs, ...money, ...dates, ...nonQuantitySpans(text, s)];
  const quantities = findNumbers(text, s).filter((n) => !taken.some((t) => overlaps(t, n)));
  return { ...s, page: region.page, tier: region.tier, index, text: text.slice(s.start, s.end), skus, orderRefs, dates, money, quantities };
}
