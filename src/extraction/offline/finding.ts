// What one rule read from one sentence, before item codes are resolved from context and duplicates are merged.
import type { ChangeKind } from '../../triage/taxonomy.ts';
import type { Sentence } from './annotate.ts';
import type { Found, PageText, Span, Tier } from './spans.ts';

export interface Finding {
  kind: ChangeKind;
  page: PageText;
  tier: Tier;
  /** The sentence it was read from; null for a table row. */
  sentence: Sentence | null;
  /** The item code named in the sentence, if any. */
  sku: Found<string> | null;
  /** The kind needs an item code and the sentence names none: the provider looks for one nearby. */
  needsSku: boolean;
  from: number | string | null;
  to: number | string | null;
  /** Spans of the sentence's page that show the request and its values. */
  spans: Span[];
  confidence: number;
  warnings: string[];
  /** For a price: how the new price was said (price-merge.ts prefers "should be $X" to a quote's price to a bare one). */
  priceRole?: PriceRole;
}

/** How a new price was said: plainly ("should be $X"), as a quote's or contract's, bare, or only about an invoice. */
export type PriceRole = 'strong' | 'document' | 'unknown' | 'billing';

/** What a rule module returns: findings, and message-level notes for what it saw but could not ground. */
export interface RuleOutput {
  findings: Finding[];
  warnings: string[];
}

/** Breaks a sentence naming several items into one piece per item ("HX-2210 to 40, AB123 to 10"). */
export function piecesBySku(s: Sentence): { piece: Span; sku: Found<string> | null }[] {
  if (s.skus.length <= 1) return [{ piece: s, sku: s.skus[0] ?? null }];
  const pieces: { piece: Span; sku: Found<string> | null }[] = [];
  let start = s.start;
  s.skus.forEach((sku, i) => {
    const next = s.skus[i + 1];
    let end = s.end;
    if (next) {
      // Cut at the last separator between this item and the next one, else right before the next item.
      const between = s.page.text.slice(sku.end, next.start);
      const seps = [...between.matchAll(/\s*(?:[,;]|\band\b|&|\bplus\b|\balso\b)\s*/gi)];
      const last = seps[seps.length - 1];
      end = last ? sku.end + last.index! : next.start;
    }
    pieces.push({ piece: { start, end }, sku });
    start = end;
  });
  return pieces;
}

// A new clause starts at a semicolon, at ", and" / ", but" / ", also", at "but", or where a conjunction or comma is
// followed by a new request verb ("…to 40 and push delivery…"); a plain list ("HX-2210, AB123 and VLV-200") stays one.
const CLAUSE_BREAK = new RegExp(
  String.raw`;|,\s*(?:and|but|also|plus)\b|\bbut\b|(?:,|\b(?:and|also|then|plus)\b)\s*(?:also\s+|then\s+)?(?:please\s+|pls\s+|kindly\s+)?(?:(?:can|could|would)\s+you\s+)?` +
    String.raw`(?=(?:push|move|deliver|ship|change|postpone|delay|reschedule|bring|pull|expedite|make|increase|decrease|reduce|raise|lower|cancel|remove|delete|update|adjust|set|send)\w*\b)`,
  'gi',
);

/** The clause of the sentence that holds the span, so an item named for one request is not lent to another. */
export function clauseAround(s: Sentence, span: Span): Span {
  let start = s.start;
  let end = s.end;
  for (const m of s.page.text.slice(s.start, s.end).matchAll(CLAUSE_BREAK)) {
    const at = s.start + m.index!;
    if (at + m[0].length <= span.start) start = at + m[0].length;
    else if (at >= span.end && at < end) end = at;
  }
  return { start, end };
}

export const clamp = (x: number): number => Math.round(Math.min(0.97, Math.max(0.05, x)) * 100) / 100;
