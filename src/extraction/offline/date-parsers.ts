// Date grammars chrono lacks or reads the American way: numeric dates in the sender's order, "the 12th", holidays.
import * as chrono from 'chrono-node';

export type Language = 'en' | 'de' | 'es';

/** How the sender writes dates: in which language, and whether 04.12.2026 / 04/12/2026 is the 4th of December. */
export interface DateLocale {
  language: Language;
  dayFirst: boolean;
}

type Context = Parameters<chrono.Parser['extract']>[0];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The year of a month/day without one: the next such day for a requested date, else the one nearest the reference. */
function yearFor(context: Context, month: number, day: number): number {
  const today = context.reference.getDateWithAdjustedTimezone();
  const year = today.getFullYear();
  const at = (y: number) => Date.UTC(y, month - 1, day);
  const now = Date.UTC(year, today.getMonth(), today.getDate());
  if (context.option.forwardDate) return at(year) >= now ? year : year + 1;
  return [year - 1, year, year + 1].reduce((best, y) => (Math.abs(at(y) - now) < Math.abs(at(best) - now) ? y : best));
}

function isPast(context: Context, year: number, month: number, day: number): boolean {
  const today = context.reference.getDateWithAdjustedTimezone();
  return Date.UTC(year, month - 1, day) < Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
}

const fullYear = (raw: string) => (raw.length === 2 ? 2000 + Number(raw) : Number(raw));

/**
 * "04.12.2026", "04/12/2026", "10.12.", "12/4": dotted dates are always day first (as in Europe); slashed ones follow
 * the sender's habit, unless only the other reading is a valid date.
 */
export function numericDate(dayFirst: boolean): chrono.Parser {
  return {
    pattern: () => /(?<![\d.\/-])(\d{1,2})([.\/])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?:\.(?!\d))?(?![\d\/]|[.,]\d)/,
    extract(context, match) {
      const [, a, sep, b, y] = match as unknown as [string, string, string, string, string | undefined];
      if (sep === '/' && !y && a.length === 1 && b.length === 1) return null; // "3/4" is a fraction
      if (sep === '.' && !y && !match[0].endsWith('.')) return null; // "2.5" is a decimal number
      const preferDay = sep === '.' || dayFirst;
      let [day, month] = preferDay ? [Number(a), Number(b)] : [Number(b), Number(a)];
      if (month > 12 && day <= 12) [day, month] = [month, day];
      // A requested date lies ahead: when only the day-first reading of "04/12/2026" does, that is the one meant.
      if (!preferDay && y && day <= 12 && month <= 12 && isPast(context, fullYear(y), month, day) && !isPast(context, fullYear(y), day, month)) [day, month] = [month, day];
      if (month < 1 || month > 12 || day < 1) return null;
      const year = y ? fullYear(y) : yearFor(context, month, day);
      if (day > daysIn(year, month)) return null;
      const components = context.createParsingComponents({ day, month });
      if (y) components.assign('year', year);
      else components.imply('year', year);
      components.addTag('parser/numericDate');
      return components;
    },
  };
}

/** "the 12th" names the next 12th on or after the reference day; chrono's English parsers leave it alone. */
export const ordinalDay: chrono.Parser = {
  pattern: () => /\b(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)\b(?![\s-]+day\b)/i,
  extract(context, match) {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return null;
    const today = context.reference.getDateWithAdjustedTimezone();
    let year = today.getFullYear();
    let month = today.getMonth() + 1;
    const fits = () => day <= daysIn(year, month);
    if (day < today.getDate() || !fits()) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    if (!fits()) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const components = context.createParsingComponents({ day });
    components.imply('month', month);
    components.imply('year', year);
    components.addTag('parser/ordinalDay');
    return components;
  },
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
type Holiday = (year: number) => Date;
const nthWeekday = (year: number, month: number, weekday: number, n: number) => {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return new Date(Date.UTC(year, month - 1, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1)));
};
const HOLIDAYS: [RegExp, Holiday][] = [
  [/^thanksgiving/i, (y) => nthWeekday(y, 11, 4, 4)],
  [/^christmas\s+eve/i, (y) => new Date(Date.UTC(y, 11, 24))],
  [/^(?:christmas|xmas)/i, (y) => new Date(Date.UTC(y, 11, 25))],
  [/^new\s+year'?s\s+eve/i, (y) => new Date(Date.UTC(y, 11, 31))],
  [/^new\s+year/i, (y) => new Date(Date.UTC(y, 0, 1))],
  [/^labou?r\s+day/i, (y) => nthWeekday(y, 9, 1, 1)],
  [/^memorial\s+day/i, (y) => new Date(nthWeekday(y, 6, 1, 1).getTime() - 7 * 86_400_000)],
];
const HOLIDAY_WORDS = String.raw`thanksgiving(?:\s+day)?|christmas(?:\s+(?:eve|day))?|xmas|new\s+year'?s(?:\s+(?:eve|day))?|labou?r\s+day|memorial\s+day`;

/** US holidays, and "the Monday after Thanksgiving" / "the week before Christmas" (its Monday). */
export const holidays: chrono.Parser = {
  pattern: () => new RegExp(String.raw`\b(?:(?:the\s+)?(${WEEKDAYS.join('|')}|day|week)\s+(after|before)\s+)?(${HOLIDAY_WORDS})\b`, 'i'),
  extract(context, match) {
    const today = context.reference.getDateWithAdjustedTimezone();
    const rule = HOLIDAYS.find(([re]) => re.test(match[3]!))![1];
    let date = rule(today.getFullYear());
    if (date.getTime() < Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) date = rule(today.getFullYear() + 1);
    const unit = match[1]?.toLowerCase();
    const step = match[2]?.toLowerCase() === 'before' ? -1 : 1;
    let t = date.getTime();
    if (unit === 'day') t += step * 86_400_000;
    else if (unit === 'week') t += step * 7 * 86_400_000 - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000;
    else if (unit) do t += step * 86_400_000; while (new Date(t).getUTCDay() !== WEEKDAYS.indexOf(unit));
    const d = new Date(t);
    const components = context.createParsingComponents({ day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() });
    components.addTag('parser/holiday');
    return components;
  },
};

const BASE: Record<Language, () => chrono.Chrono> = { en: () => chrono.casual.clone(), de: () => chrono.de.casual.clone(), es: () => chrono.es.casual.clone() };
const cache = new Map<string, chrono.Chrono>();

/** chrono for one language, with numeric dates read in the sender's order and the parsers above. */
export function parserFor(language: Language, dayFirst: boolean): chrono.Chrono {
  const key = `${language}:${dayFirst}`;
  let parser = cache.get(key);
  if (!parser) {
    parser = BASE[language]();
    parser.parsers = parser.parsers.filter((p) => p.constructor.name !== 'SlashDateFormatParser');
    parser.parsers.push(numericDate(dayFirst));
    if (language === 'en') parser.parsers.push(ordinalDay, holidays);
    cache.set(key, parser);
  }
  return parser;
}
