// The sender's language and date habit, read from the message itself (the Date header's zone is not kept upstream).
import type { DateLocale, Language } from './date-parsers.ts';

// Short function words that are frequent in one language and rare in the others' business mail.
const WORDS: Record<Exclude<Language, 'en'>, RegExp> = {
  de: /\b(?:und|die|der|das|bitte|wir|sie|ihre?|unsere?|nicht|mit|für|vom|auf|den|dem|ist|sind|wird|liefertermin|bestellung|grüßen?|danke|vielen)\b/gi,
  es: /\b(?:el|la|los|las|del|que|por|para|favor|gracias|pedido|entrega|saludos|nuestr[ao]s?|usted(?:es)?|pueden|muy|est[aá]|como|con|una?|y)\b/gi,
};
const DOTTED_DATE = /(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?![\d.])/;
const DAY_FIRST_SLASH = /(?<![\d\/])(?:1[3-9]|2\d|3[01])\/(?:0?[1-9]|1[0-2])(?:\/\d{2,4})?(?![\d\/])/;

export const ENGLISH: DateLocale = { language: 'en', dayFirst: false };

/** German or Spanish when their function words make up a good share of the words; English otherwise. */
export function languageOf(text: string): Language {
  const words = text.match(/\p{L}+/gu)?.length ?? 0;
  if (words < 4) return 'en';
  let best: Language = 'en';
  let bestShare = 0.12;
  for (const [language, re] of Object.entries(WORDS) as [Exclude<Language, 'en'>, RegExp][]) {
    const share = (text.match(re)?.length ?? 0) / words;
    if (share > bestShare) [best, bestShare] = [language, share];
  }
  return best;
}

/** Day-first when the sender writes German or Spanish, or writes a date that only reads day-first. */
export function localeOf(text: string): DateLocale {
  const language = languageOf(text);
  return { language, dayFirst: language !== 'en' || DOTTED_DATE.test(text) || DAY_FIRST_SLASH.test(text) };
}
