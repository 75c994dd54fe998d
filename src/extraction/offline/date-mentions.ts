// Calendar dates in text (via chrono-node), resolved against the message's Date header in the sender's time zone.
import * as chrono from 'chrono-node';
import { overlaps, type Span } from './spans.ts';

export interface DateReference {
  instant: Date;
  /** Minutes east of UTC, from the Date header's offset; a weekday is the sender's weekday. */
  timezone: number;
  /** No Date header: "next Friday" was resolved against the clock, which may be days after it was written. */
  assumed: boolean;
}

export interface DateMention extends Span {
  /** The date when read as a future one (a requested date is never in the past). */
  iso: string;
  /** The date nearest to the reference, for dates being replaced ("instead of Nov 20"). */
  nearestIso: string;
  /** A range's end ("from Dec 1 to Dec 4"). */
  endIso: string | null;
  /** explicit: the year is written; calendar: month and day; relative: "next Friday", "tomorrow", "the 12th". */
  precision: 'explicit' | 'calendar' | 'relative';
  /** "04/12/2026" reads as April 12 or 4 December: the US reading was taken unless only the other is ahead. */
  ambiguousOrder: boolean;
}

/** The reference day in the sender's time zone, as an ISO date. */
export function isoDay(ref: DateReference): string {
  return new Date(ref.instant.getTime() + ref.timezone * 60_000).toISOString().slice(0, 10);
}

export function dateReference(sentAt: string | null, now: () => Date = () => new Date()): DateReference {
  const instant = sentAt ? new Date(sentAt) : null;
  if (!instant || Number.isNaN(instant.getTime())) return { instant: now(), timezone: 0, assumed: true };
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(sentAt!.trim());
  const timezone = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return { instant, timezone, assumed: false };
}

// "the 12th" names the next 12th on or after the reference day; chrono's English parsers leave it alone.
const ordinalDay: chrono.Parser = {
  pattern: () => /\b(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)\b/i,
  extract(context, match) {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return null;
    const today = context.reference.getDateWithAdjustedTimezone();
    let year = today.getFullYear();
    let month = today.getMonth() + 1;
    const fits = () => day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < today.getDate() || !fits()) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    if (!fits()) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const components = context.createParsingComponents({ day });
    components.imply('month', month);
    components.imply('year', year);
    components.addTag('parser/ordinalDay');
    return components;
  },
};

const parser = chrono.casual.clone();
parser.parsers.push(ordinalDay);

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (c: chrono.ParsedComponents) => `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
const SLASHED = /^(\d{1,2})[\/.-](\d{1,2})(?:[\/.-](\d{2,4}))?$/;

/** Of the two readings of "04/12/2026", the month-first one unless only the day-first one lies ahead. */
function futureReading(c: chrono.ParsedComponents, today: string): string {
  const monthFirst = isoOf(c);
  const dayFirst = `${c.get('year')}-${pad(c.get('day')!)}-${pad(c.get('month')!)}`;
  return monthFirst < today && dayFirst >= today ? dayFirst : monthFirst;
}

/** A mention that names a day, not a time of day or a span of time ("two weeks" from when?). */
function namesADay(r: chrono.ParsedResult): boolean {
  const tags = r.tags();
  if (/^now$/i.test(r.text)) return false;
  if (tags.has('result/relativeDate')) return /^(?:in|within)\s/i.test(r.text) && !r.start.isCertain('hour');
  if (r.start.isCertain('day') || r.start.isCertain('weekday') || tags.has('parser/ENEndOfCurrentMonthParser')) return true;
  return [...tags].some((t) => t.startsWith('casualReference/')) && !/^tonight$/i.test(r.text);
}

const RELATIVE_TAGS = /^(?:casualReference\/|result\/relativeDate|parser\/ENEndOfCurrentMonthParser|parser\/ordinalDay)/;

function precisionOf(r: chrono.ParsedResult): DateMention['precision'] {
  if ([...r.tags()].some((t) => RELATIVE_TAGS.test(t))) return 'relative';
  if (r.start.isCertain('year')) return 'explicit';
  if (r.start.isCertain('month') && r.start.isCertain('day')) return 'calendar';
  return 'relative';
}

// chrono is the slow part of reading a message; text without any of these cannot hold a date it would accept.
const DATE_HINT =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:today|tomorrow|tonight|next|this|end|weeks?|months?|days?|noon|midnight)\b|\d{1,4}[\/.-]\d{1,2}|\d(?:st|nd|rd|th)\b/i;

export function findDates(text: string, span: Span, ref: DateReference, exclude: readonly Span[] = []): DateMention[] {
  const slice = text.slice(span.start, span.end);
  if (!DATE_HINT.test(slice)) return [];
  const reference = { instant: ref.instant, timezone: ref.timezone };
  const forward = parser.parse(slice, reference, { forwardDate: true });
  const nearest = forward.length > 0 ? parser.parse(slice, reference, { forwardDate: false }) : [];
  const out: DateMention[] = [];
  for (const r of forward) {
    const at = { start: span.start + r.index, end: span.start + r.index + r.text.length };
    if (!namesADay(r) || exclude.some((x) => overlaps(x, at))) continue;
    const slashed = SLASHED.exec(r.text);
    if (slashed && !slashed[3] && slashed[1]!.length === 1 && slashed[2]!.length === 1) continue; // "3/4" is a fraction
    const twin = nearest.find((n) => n.index === r.index) ?? r;
    const ambiguousOrder = slashed != null && Number(slashed[1]) <= 12 && Number(slashed[2]) <= 12 && slashed[1] !== slashed[2];
    const iso = ambiguousOrder ? futureReading(r.start, isoDay(ref)) : isoOf(r.start);
    out.push({
      ...at,
      iso,
      nearestIso: ambiguousOrder ? iso : isoOf(twin.start),
      endIso: r.end && namesADay(r) ? isoOf(r.end) : null,
      precision: precisionOf(r),
      ambiguousOrder,
    });
  }
  return out;
}
