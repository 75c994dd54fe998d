// Calendar dates in text (via chrono-node), resolved against the message's Date header in the sender's time zone.
import type * as chrono from 'chrono-node';
import { parserFor, type DateLocale } from './date-parsers.ts';
import { ENGLISH } from './locale.ts';
import { overlaps, type Span } from './spans.ts';

export interface DateReference {
  instant: Date;
  /** Minutes east of UTC, from the Date header's offset; a weekday is the sender's weekday. */
  timezone: number;
  /** No Date header: "next Friday" was resolved against the clock, which may be days after it was written. */
  assumed: boolean;
  /** The sender's language and date order ("04.12.2026" is the 4th of December in Europe). */
  locale: DateLocale;
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
  /** "04/12/2026" reads as April 12 or 4 December, and nothing in the message said which order the sender uses. */
  ambiguousOrder: boolean;
}

/** The reference day in the sender's time zone, as an ISO date. */
export function isoDay(ref: DateReference): string {
  return new Date(ref.instant.getTime() + ref.timezone * 60_000).toISOString().slice(0, 10);
}

export function dateReference(sentAt: string | null, now: () => Date = () => new Date(), locale: DateLocale = ENGLISH): DateReference {
  const instant = sentAt ? new Date(sentAt) : null;
  if (!instant || Number.isNaN(instant.getTime())) return { instant: now(), timezone: 0, assumed: true, locale };
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(sentAt!.trim());
  const timezone = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return { instant, timezone, assumed: false, locale };
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (c: chrono.ParsedComponents) => `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
const NUMERIC = /^(\d{1,2})([.\/])(\d{1,2})/;

/** A mention that names a day, not a time of day or a span of time ("two weeks" from when?). */
function namesADay(r: chrono.ParsedResult): boolean {
  const tags = r.tags();
  // A time of day alone ("Morning Maria", "this afternoon") is a greeting or an hour, not a delivery day.
  if (/^(?:now|(?:this\s+|in\s+the\s+)?(?:morning|afternoon|evening|night|noon|midday|mittag|abend|tarde|noche))$/i.test(r.text.trim())) return false;
  if (tags.has('refiner/ENEndOfPeriodRefiner')) return true;
  if (tags.has('result/relativeDate')) return /^(?:in|within)\s/i.test(r.text) && !r.start.isCertain('hour');
  if (r.start.isCertain('day') || r.start.isCertain('weekday') || tags.has('parser/ENEndOfCurrentMonthParser')) return true;
  return [...tags].some((t) => t.startsWith('casualReference/')) && !/^tonight$/i.test(r.text);
}

const RELATIVE_TAGS = /^(?:casualReference\/|result\/relativeDate|parser\/ENEndOfCurrentMonthParser|parser\/ordinalDay|parser\/holiday)/;

function precisionOf(r: chrono.ParsedResult): DateMention['precision'] {
  if ([...r.tags()].some((t) => RELATIVE_TAGS.test(t))) return 'relative';
  if (r.start.isCertain('year')) return 'explicit';
  if (r.start.isCertain('month') && r.start.isCertain('day')) return 'calendar';
  return 'relative';
}

// chrono is the slow part of reading a message; text without any of these cannot hold a date it would accept.
const DATE_HINT =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:today|tomorrow|tonight|next|this|end|weeks?|months?|days?|noon|midnight|thanksgiving|christmas|xmas|new\s+year)\b|\b(?:dez|dic|ene|abr|ago|okt|m[äa]r|mai|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|morgen|ma[ñn]ana|pr[óo]xim|n[äa]chst)|\d{1,4}[\/.-]\d{1,2}|\d(?:st|nd|rd|th)\b/i;

export function findDates(text: string, span: Span, ref: DateReference, exclude: readonly Span[] = []): DateMention[] {
  const slice = text.slice(span.start, span.end);
  if (!DATE_HINT.test(slice)) return [];
  const out: DateMention[] = [];
  const { language, dayFirst } = ref.locale;
  // The sender's language first; English too, since a German buyer may still write "Dec 4".
  for (const lang of language === 'en' ? (['en'] as const) : ([language, 'en'] as const)) {
    for (const m of mentionsIn(slice, span.start, ref, parserFor(lang, dayFirst))) {
      if (!exclude.some((x) => overlaps(x, m)) && !out.some((o) => overlaps(o, m))) out.push(m);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function mentionsIn(slice: string, offset: number, ref: DateReference, parser: chrono.Chrono): DateMention[] {
  const reference = { instant: ref.instant, timezone: ref.timezone };
  const forward = parser.parse(slice, reference, { forwardDate: true });
  const nearest = forward.length > 0 ? parser.parse(slice, reference, { forwardDate: false }) : [];
  const out: DateMention[] = [];
  for (const r of forward) {
    if (!namesADay(r)) continue;
    const twin = nearest.find((n) => n.index === r.index) ?? r;
    const numeric = NUMERIC.exec(r.text);
    const ambiguousOrder = numeric != null && numeric[2] === '/' && !ref.locale.dayFirst && Number(numeric[1]) <= 12 && Number(numeric[3]) <= 12 && numeric[1] !== numeric[3];
    out.push({
      start: offset + r.index, end: offset + r.index + r.text.length,
      iso: businessDay(r), nearestIso: isoOf(twin.start),
      endIso: r.end && namesADay(r) ? isoOf(r.end) : null,
      precision: precisionOf(r),
      ambiguousOrder,
    });
  }
  return out;
}

/** "End of next week" is its Friday in business mail, where chrono would say Saturday. */
function businessDay(r: chrono.ParsedResult): string {
  if (!/\bend\s+of\s+(?:this\s+|the\s+|next\s+)?week\b/i.test(r.text)) return isoOf(r.start);
  const d = new Date(Date.UTC(r.start.get('year')!, r.start.get('month')! - 1, r.start.get('day')!));
  const back = (d.getUTCDay() + 2) % 7; // Saturday → 1, Sunday → 2, Friday → 0
  if (back <= 2) d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}
