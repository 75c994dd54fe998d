// Relative delivery moves ("push it out two weeks", "one week later than planned") and the date they start from.
import type { Sentence } from './annotate.ts';
import type { DateMention } from './date-mentions.ts';

const AMOUNT = String.raw`(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})`;
const UNIT = String.raw`(business\s+days?|working\s+days?|days?|weeks?|wks?|months?)`;
const LATER = String.raw`(?:later|out|back|after|más\s+tarde|después|sp[äa]ter)`;
const EARLIER = String.raw`(?:earlier|sooner|forward|in|before|antes|fr[üu]her)`;
// "push it out two weeks", "a week later than planned", "delay by 3 days", "two weeks earlier".
const SHIFT = new RegExp(
  String.raw`\b(?:(?:push(?:ed)?|move[ds]?|delay(?:ed)?|postpone[ds]?|bring|pull(?:ed)?)\s+(?:it\s+|them\s+|this\s+|that\s+|delivery\s+|the\s+delivery\s+)?(${LATER}|${EARLIER})?\s*(?:by\s+)?${AMOUNT}\s+(?:more\s+)?${UNIT}` +
    String.raw`|${AMOUNT}\s+${UNIT}\s+(${LATER}|${EARLIER}))\b`,
  'i',
);
const WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const BACKWARD = new RegExp(`^${EARLIER}$`, 'i');
const PULL = /\b(?:bring|pull(?:ed)?)\b/i;

export interface Shift {
  days: number;
  /** Where in the sentence the shift is said. */
  at: number;
  length: number;
}

/** The shift a sentence asks for, in calendar days (business days count as calendar days over whole weeks). */
export function shiftIn(text: string): Shift | null {
  const m = SHIFT.exec(text);
  if (!m) return null;
  const [direction, amount, unit] = m[2] ? [m[1], m[2], m[3]] : [m[6], m[4], m[5]];
  const n = WORDS[amount!.toLowerCase()] ?? Number(amount);
  if (!Number.isFinite(n) || n <= 0) return null;
  const u = unit!.toLowerCase();
  const perUnit = u.startsWith('w') ? 7 : u.startsWith('m') ? 30 : /business|working/.test(u) ? 7 / 5 : 1;
  const back = (direction != null && BACKWARD.test(direction)) || (direction == null && PULL.test(m[0]));
  return { days: Math.round(n * perUnit) * (back ? -1 : 1), at: m.index, length: m[0].length };
}

// A date said to be the current one: "currently due 12/4", "scheduled for Dec 8", "la tienen para el 4 de diciembre".
const CURRENT = /\b(?:currently|right\s+now|at\s+the\s+moment|scheduled|planned|confirmed|promised|due|on\s+for|set\s+for|was|were|had\s+(?:it|them|this|that)\s+(?:for|on)|actualmente|ahora|programad[ao]|ten[ií](?:a|amos)\s+(?:para|el|programad\w*)|estaba\s+(?:para|programad\w*)|era\s+para|confirmad[ao]|derzeit|aktuell|bisher|zurzeit|geplant|best[äa]tigt)\b/i;

/** The one date a neighbouring sentence (same part and paragraph) gives as the current one. */
export function currentDateNear(s: Sentence, sentences: readonly Sentence[], except: DateMention | null = null): DateMention | null {
  for (const i of [s.index, s.index - 1, s.index + 1, s.index - 2]) {
    const o = sentences[i];
    if (!o || o.page !== s.page || o.tier !== s.tier || Math.abs(o.paragraph - s.paragraph) > 1) continue;
    const dates = o.dates.filter((d) => d !== except);
    if (dates.length === 1 && CURRENT.test(o.text)) return dates[0]!;
  }
  return null;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
