// A sentence with its recognised values replaced by placeholders, so rules are small grammars over roles, not digits.
//
// "change HX-2210 from 25 to 40" becomes "change ⟨S0⟩ from ⟨Q0⟩ to ⟨Q1⟩"; a rule then reads "from Q to Q" without
// caring whether a number is really a date, a price or part of an item code (those were told apart before).
import type { Found, Span } from './spans.ts';

export type Tag = 'Q' | 'S' | 'M' | 'D';

export interface Shape {
  text: string;
  /** Maps an offset in `text` back to the original page text. */
  origin(offset: number): number;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The regex source for a placeholder of a tag; group 1 captures the index of the value in its list. */
export const slot = (tag: Tag): string => `${OPEN}${tag}(\\d+)${CLOSE}`;
/** The same without a capture group. */
export const anySlot = (tag: Tag): string => `${OPEN}${tag}\\d+${CLOSE}`;

export function shapeOf(text: string, piece: Span, values: Partial<Record<Tag, readonly Span[]>>): Shape {
  const marks: { tag: Tag; index: number; span: Span }[] = [];
  for (const [tag, list] of Object.entries(values) as [Tag, readonly Span[]][]) {
    list.forEach((span, index) => {
      if (span.start >= piece.start && span.end <= piece.end) marks.push({ tag, index, span });
    });
  }
  marks.sort((a, b) => a.span.start - b.span.start);
  let out = '';
  // origins[i] is the page offset of shape character i; a placeholder's characters all map to its value's start.
  const origins: number[] = [];
  let cursor = piece.start;
  const copyTo = (until: number) => {
    for (; cursor < until; cursor++) {
      out += text[cursor];
      origins.push(cursor);
    }
  };
  for (const m of marks) {
    if (m.span.start < cursor) continue;
    copyTo(m.span.start);
    const placeholder = `${OPEN}${m.tag}${m.index}${CLOSE}`;
    out += placeholder;
    for (let i = 0; i < placeholder.length; i++) origins.push(m.span.start);
    cursor = m.span.end;
  }
  copyTo(piece.end);
  origins.push(piece.end);
  return { text: out, origin: (offset) => origins[Math.max(0, Math.min(offset, origins.length - 1))]! };
}

/** The original span of a regex match found in the shape text. */
export function originalSpan(shape: Shape, match: RegExpExecArray): Span {
  return { start: shape.origin(match.index), end: shape.origin(match.index + match[0].length) };
}

/** The value behind a captured placeholder index. */
export function valueAt<T>(list: readonly Found<T>[], captured: string | undefined): Found<T> | null {
  return captured == null ? null : list[Number(captured)] ?? null;
}
