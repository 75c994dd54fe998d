// Evidence highlighting: a source text rendered escaped, with <mark> around each quoted span, never as markup.
import type { Evidence } from '../extraction/evidence.ts';

export interface Span { start: number; end: number }

/** A span to mark: `id` is the anchor values link to; `group` ties the marks of one change together. */
export interface Mark extends Span { id: string; group: string }

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/**
 * Where an evidence quote sits in the text: at its recorded offsets when they hold the quote, else at the first
 * occurrence of the quote (`exact: false`, shown to the reviewer), else nowhere.
 */
export function locate(text: string, ev: Pick<Evidence, 'start' | 'end' | 'quote'>): (Span & { exact: boolean }) | null {
  if (ev.end > ev.start && text.slice(ev.start, ev.end) === ev.quote) return { start: ev.start, end: ev.end, exact: true };
  if (!ev.quote) return null;
  const at = text.indexOf(ev.quote);
  return at >= 0 ? { start: at, end: at + ev.quote.length, exact: false } : null;
}

/**
 * The text between `range.start` and `range.end`, escaped, with overlapping marks split into segments: each segment
 * lists every group that covers it (data-ev), and the segment where a mark starts carries its id.
 */
export function highlight(text: string, marks: Mark[], range: Span = { start: 0, end: text.length }): string {
  const inRange = marks
    .map((m) => ({ ...m, start: Math.max(m.start, range.start), end: Math.min(m.end, range.end) }))
    .filter((m) => m.end > m.start);
  const cuts = [...new Set([range.start, range.end, ...inRange.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const segment = escapeHtml(text.slice(a, b));
    const covering = inRange.filter((m) => m.start <= a && m.end >= b);
    if (!covering.length) {
      out += segment;
      continue;
    }
    const starting = covering.filter((m) => m.start === a);
    const extraAnchors = starting.slice(1).map((m) => `<span class="ev-anchor" id="${escapeHtml(m.id)}"></span>`).join('');
    const id = starting[0] ? ` id="${escapeHtml(starting[0].id)}"` : '';
    const groups = [...new Set(covering.map((m) => m.group))].join(' ');
    out += `${extraAnchors}<mark class="ev"${id} data-ev="${escapeHtml(groups)}">${segment}</mark>`;
  }
  return out;
}
