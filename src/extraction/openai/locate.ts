// Finds what a model says it read in the blocks it was given: quotes, item codes, order numbers, numbers, dates.
import * as chrono from 'chrono-node';
import type { Evidence } from '../evidence.ts';
import { findDates, isoDay, type DateReference } from '../offline/date-mentions.ts';
import { parseMoney } from '../offline/money.ts';
import { findNumbers } from '../offline/numbers.ts';
import type { Span } from '../offline/spans.ts';
import type { Block } from './input-blocks.ts';

/** A span of one block's text. */
export interface Located extends Span {
  block: Block;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUOTE_MARKS: Record<string, string> = { "'": "['‘’`]", '"': '["“”]', '‘': "['‘’`]", '’': "['‘’`]", '“': '["“”]', '”': '["“”]' };

/** The quote in the text: exactly, else ignoring case, curly quotes and how whitespace runs (line breaks in PDFs). */
export function findQuote(text: string, quote: string): Span | null {
  const q = quote.trim();
  if (q.length === 0) return null;
  const at = text.indexOf(q);
  if (at >= 0) return { start: at, end: at + q.length };
  const pattern = q
    .split(/\s+/)
    .map((word) => [...word].map((ch) => QUOTE_MARKS[ch] ?? escape(ch)).join(''))
    .join('\\s+');
  const m = new RegExp(pattern, 'i').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Where an item code or order number occurs: case, spaces, dashes, dots, slashes and underscores do not matter. */
export function findCode(text: string, code: string): Span[] {
  const chars = [...code.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '')];
  if (chars.length < 2) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${chars.map(escape).join('[\\s\\-_./]*')}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The quote in the block the model named, else in any block. */
export function locateQuote(blocks: readonly Block[], source: string, quote: string): Located | null {
  const named = blocks.find((b) => b.id === source);
  for (const block of named ? [named, ...blocks.filter((b) => b !== named)] : blocks) {
    const span = findQuote(block.text, quote);
    if (span) return { block, ...span };
  }
  return null;
}

/** Occurrences of a code, those inside `near` first, then the rest of its block, then the other blocks. */
export function locateCode(blocks: readonly Block[], code: string, near: Located | null): Located[] {
  const all = blocks.flatMap((block) => findCode(block.text, code).map((s) => ({ block, ...s })));
  return all.sort((a, b) => closeness(a, near) - closeness(b, near));
}

/** Numbers as written in the block: digits with any thousands or decimal separator, and small numbers in words. */
export function numbersIn(text: string, span: Span): { span: Span; value: number }[] {
  const out: { span: Span; value: number }[] = [];
  const slice = text.slice(span.start, span.end);
  // Not the digits of an item code or a date ("HX-2210", "12/4"); a glued unit is fine ("40pcs").
  for (const m of slice.matchAll(/(?<![\p{L}\p{N}_\/-])(?:\d{1,3}(?:[,.'’]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?)(?![\p{N}\/])/gu)) {
    const raw = m[0].replace(/['’]/g, '');
    const start = span.start + m.index;
    for (const value of new Set([parseMoney(raw), Number(raw.replace(/,/g, ''))])) {
      if (value != null && Number.isFinite(value)) out.push({ span: { start, end: start + m[0].length }, value });
    }
  }
  for (const f of findNumbers(text, span)) out.push({ span: f, value: f.value });
  return out;
}

/**
 * Spans of dates in the text that may mean the ISO day: the offline reading (English, against the Date header), any
 * reading of a numeric date (04.12.2026 is 4 December or April 12), and dates written in the other languages
 * customers use. Lenient on purpose: this decides whether a date is in the text, not which date the customer meant.
 */
export function datesIn(text: string, span: Span, iso: string, ref: DateReference): Span[] {
  const slice = text.slice(span.start, span.end);
  const at = (index: number, length: number): Span => ({ start: span.start + index, end: span.start + index + length });
  const out: Span[] = [...slice.matchAll(new RegExp(escape(iso), 'g'))].map((m) => at(m.index, iso.length));
  for (const d of findDates(text, span, ref)) if (d.iso === iso || d.nearestIso === iso || d.endIso === iso) out.push(d);
  const year = Number(isoDay(ref).slice(0, 4));
  for (const m of slice.matchAll(NUMERIC_DATE)) if (numericReadings(m, year).includes(iso)) out.push(at(m.index, m[0].length));
  const reference = { instant: ref.instant, timezone: ref.timezone };
  for (const locale of OTHER_LOCALES) {
    for (const forwardDate of [true, false]) {
      for (const r of locale.parse(slice, reference, { forwardDate })) if (isoOf(r.start) === iso) out.push(at(r.index, r.text.length));
    }
  }
  return out;
}

const NUMERIC_DATE = /(?<![\d.\/-])(\d{1,4})[./-](\d{1,2})(?:[./-](\d{2,4}))?\.?(?![\d\/-])/g;
const OTHER_LOCALES = [chrono.de, chrono.es, chrono.fr, chrono.nl, chrono.it, chrono.pt];
const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (c: chrono.ParsedComponents) => `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;

/** 2026-12-04, 04.12.2026, 12/4/26, 12/4 (this year or the next): every calendar day the digits can name. */
function numericReadings(m: RegExpMatchArray, year: number): string[] {
  const [a, b, c] = [m[1]!, m[2]!, m[3]];
  const day = (y: number, mo: number, d: number) => (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(mo)}-${pad(d)}` : null);
  if (a.length === 4) return [day(Number(a), Number(b), Number(c ?? 0))].filter((x): x is string => x != null);
  const years = c ? [c.length === 2 ? 2000 + Number(c) : Number(c)] : [year, year + 1];
  return years.flatMap((y) => [day(y, Number(b), Number(a)), day(y, Number(a), Number(b))]).filter((x): x is string => x != null);
}

export function evidenceOf(located: Located): Evidence | null {
  const { block } = located;
  if (block.documentId == null) return null;
  return { documentId: block.documentId, page: block.page, start: block.offset + located.start, end: block.offset + located.end, quote: block.text.slice(located.start, located.end) };
}

/** 0 inside `near`, 1 in its block, 2 elsewhere. */
function closeness(x: Located, near: Located | null): number {
  if (!near || x.block !== near.block) return 2;
  return x.start >= near.start && x.end <= near.end ? 0 : 1;
}
