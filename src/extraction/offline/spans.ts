// Character spans and the page texts they point into: every offline value is found at a span, never copied out.
import type { Evidence } from '../evidence.ts';

export interface Span {
  start: number;
  end: number;
}

/** A value read at a span of some text. */
export interface Found<T> extends Span {
  value: T;
}

/** One searchable text: the message body (page null) or one page of an attachment. */
export interface PageText {
  documentId: string;
  page: number | null;
  text: string;
}

/**
 * Where a text sits in the conversation. Only `newest` and `forwarded` may yield changes; `attachment` pages
 * may too, under stricter cues; `history` (quoted earlier messages) only supplies context such as the order ref.
 */
export type Tier = 'newest' | 'forwarded' | 'attachment' | 'history';

export const evidenceAt = (page: PageText, span: Span): Evidence => ({
  documentId: page.documentId,
  page: page.page,
  start: span.start,
  end: span.end,
  quote: page.text.slice(span.start, span.end),
});

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** The smallest span covering all of them (the first span when given one). */
export function cover(spans: readonly Span[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { start, end };
}

/** Narrows a span so it does not begin or end with whitespace (evidence reads better and compares equal). */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Every match of a global regex inside the span, with absolute offsets. */
export function* matchesIn(text: string, span: Span, re: RegExp): Generator<RegExpExecArray & { at: number }> {
  const slice = text.slice(span.start, span.end);
  const global = re.global ? re : new RegExp(re.source, re.flags + 'g');
  global.lastIndex = 0;
  for (let m = global.exec(slice); m; m = global.exec(slice)) {
    if (m[0] === '') global.lastIndex++;
    yield Object.assign(m, { at: span.start + m.index });
  }
}

export const wholeText = (text: string): Span => ({ start: 0, end: text.length });
