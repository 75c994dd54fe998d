// Splits a span into sentences, so that values are read together only when the customer wrote them together.
import { trimSpan, type Span } from './spans.ts';

export interface SentenceSpan extends Span {
  /** Blank lines separate paragraphs; an intro line ("please update as follows:") governs its paragraph. */
  paragraph: number;
}

// Words that end in a period without ending the sentence ("P.O. No. 88123", "Dec. 4", "approx. 40").
const ABBREVIATIONS = new Set(
  ('no nr qty pcs pc ea approx ref e.g i.e vs etc p.o s.o inc ltd co corp st dr mr mrs ms art pos tel ph ext min max ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun dept attn')
    .split(' '),
);
const TERMINATOR = /[.!?;]+(?=\s|$)/g;
const WORD_BEFORE = /((?:[A-Za-z]\.)*[A-Za-z]+)$/;
const BULLET = /^\s*(?:[-*•·]|\d{1,2}[.)])\s+/;
// A line that ends mid-phrase, or a next line that starts mid-phrase, continues (hard-wrapped plain text).
const OPEN_END = /(?:,|\b(?:from|to|of|by|and|or|the|for|on|at|qty|instead|than|not))\s*$/i;
const OPEN_START = /^\s*(?:to|from|of|by|and|or|instead|not|than|for|on|at|with|rather)\b/;
// Hard wrapping happens near 72 columns; a short line followed by a lowercase one is usually a new thought.
const WRAP_WIDTH = 50;

/** `prose`: the text is mail, hard-wrapped by the sender's client; a PDF page's lines are layout and never join when long. */
export function splitSentences(text: string, span: Span, prose = true): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const unit of lineUnits(text, span, prose)) {
    let start = unit.start;
    const slice = text.slice(unit.start, unit.end);
    TERMINATOR.lastIndex = 0;
    for (let m = TERMINATOR.exec(slice); m; m = TERMINATOR.exec(slice)) {
      const word = WORD_BEFORE.exec(slice.slice(0, m.index))?.[1] ?? '';
      if (m[0] === '.' && (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase()))) continue;
      if (m[0] === '.' && datePeriod(slice.slice(0, m.index), slice.slice(m.index + 1))) continue;
      push(out, text, { start, end: unit.start + m.index + m[0].length }, unit.paragraph);
      start = unit.start + m.index + m[0].length;
    }
    push(out, text, { start, end: unit.end }, unit.paragraph);
  }
  return out;
}

// "am 12. Dezember", "vom 10.12. auf den 17.12.": the period of a German date does not end the sentence.
const MONTH_AFTER = /^\s+(?:jan|feb|m[äa]r|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]*\b/i;
const datePeriod = (before: string, after: string) =>
  (/(?:^|[^\d.])\d{1,2}$/.test(before) && MONTH_AFTER.test(after)) || (/(?:^|[^\d.])\d{1,2}\.\d{1,2}$/.test(before) && /^\s+\p{Ll}/u.test(after));

// Text flattened from HTML can run for pages without a full stop; no request is that long, and the date parser
// slows down on such runs, so they are cut at a space.
const MAX_SENTENCE = 600;

function push(out: SentenceSpan[], text: string, span: Span, paragraph: number) {
  let { start } = span;
  while (span.end - start > MAX_SENTENCE) {
    const space = text.lastIndexOf(' ', start + MAX_SENTENCE);
    const cut = space > start ? space : start + MAX_SENTENCE;
    pushTrimmed(out, text, { start, end: cut }, paragraph);
    start = cut;
  }
  pushTrimmed(out, text, { start, end: span.end }, paragraph);
}

function pushTrimmed(out: SentenceSpan[], text: string, span: Span, paragraph: number) {
  const trimmed = trimSpan(text, span);
  if (trimmed.end > trimmed.start) out.push({ ...trimmed, paragraph });
}

/** Lines joined into units: a line is its own unit unless it visibly continues onto the next. */
function lineUnits(text: string, span: Span, prose: boolean): SentenceSpan[] {
  const units: SentenceSpan[] = [];
  let paragraph = 0;
  let current: SentenceSpan | null = null;
  let previousLine = '';
  const lineRe = /[^\r\n]*/g;
  lineRe.lastIndex = span.start;
  for (let m = lineRe.exec(text); m && m.index <= span.end; m = lineRe.exec(text)) {
    const line = { start: m.index, end: Math.min(m.index + m[0].length, span.end) };
    lineRe.lastIndex = m.index + m[0].length + (text.startsWith('\r\n', line.end) ? 2 : 1);
    const body = text.slice(line.start, line.end);
    if (body.trim() === '') {
      if (current) units.push(current);
      current = null;
      paragraph++;
    } else if (current && continues(previousLine, body, prose)) {
      current.end = line.end;
    } else {
      if (current) units.push(current);
      current = { ...line, paragraph };
    }
    previousLine = body;
    if (lineRe.lastIndex > span.end) break;
  }
  if (current) units.push(current);
  return units;
}

function continues(previous: string, next: string, prose: boolean): boolean {
  if (BULLET.test(next) || next.includes(' | ')) return false;
  if (OPEN_END.test(previous) || OPEN_START.test(next)) return true;
  if (/[.!?:;]\s*$/.test(previous)) return false;
  // A long line cut mid-sentence by the sender's mail client goes on below, whatever the case of the next word.
  const wrapped = prose && previous.trim().length >= WRAP_WIDTH + 10 && /^\s*\p{L}/u.test(next) && !/^\s*\p{L}+:/u.test(next);
  return wrapped || (previous.trim().length >= WRAP_WIDTH && /^\s*[a-z]/.test(next));
}
