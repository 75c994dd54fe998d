// The parts of a message the provider reads: newest words, forwarded message, quoted history, attachment pages.
import type { MessageDocument } from '../../intake/schema.ts';
import type { ExtractionInput } from '../provider.ts';
import type { Region } from './annotate.ts';
import type { RefSource } from './order-ref-pick.ts';
import { isForwardSubject, segmentBody } from './segment.ts';
import { wholeText, type PageText } from './spans.ts';

const AUTO_REPLY_SUBJECT =
  /^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office|undeliverable|undelivered|delivery status notification|mail delivery failed|returned mail|abwesenheitsnotiz|automatische antwort|respuesta autom[aá]tica|fuera de la oficina|r[ée]ponse automatique)\b/i;

/** Whether the subject marks an automatic reply or a bounce (they repeat and quote the message they answer). */
export const isAutomaticReply = (subject: string | null): boolean => subject != null && AUTO_REPLY_SUBJECT.test(subject);

export const readable = (d: MessageDocument): boolean => d.error == null && d.pages.length > 0;

/** The body split into newest / forwarded / history, and every page of every readable attachment. */
export function regionsOf(input: ExtractionInput): Region[] {
  const regions: Region[] = [];
  const [body, ...attachments] = input.documents;
  if (body && body.role === 'body' && readable(body)) {
    const page: PageText = { documentId: body.id, page: null, text: body.pages[0]!.text };
    const parts = segmentBody(page.text, { forwarded: isForwardSubject(input.subject) });
    regions.push({ page, tier: 'newest', spans: parts.newest }, { page, tier: 'forwarded', spans: parts.forwarded }, { page, tier: 'history', spans: parts.history });
  }
  // Intake gives pages only to documents it could read as text (PDFs today); any such page is read the same way.
  for (const doc of body?.role === 'body' ? attachments : input.documents) {
    if (doc.role !== 'attachment' || !readable(doc)) continue;
    for (const p of doc.pages) regions.push({ page: { documentId: doc.id, page: p.page, text: p.text }, tier: 'attachment', spans: [wholeText(p.text)] });
  }
  return regions;
}

/** The sender's own text (not quoted history, often ours), else the attachments: what the locale is read from. */
export function ownWords(regions: readonly Region[]): string {
  const pick = (tiers: Region['tier'][]) => regions.filter((r) => tiers.includes(r.tier)).flatMap((r) => r.spans.map((s) => r.page.text.slice(s.start, s.end))).join('\n');
  return pick(['newest', 'forwarded']).trim() || pick(['attachment']);
}

/** Where order references are looked for; an auto-reply's subject and quoted history name someone else's order. */
export function refSources(regions: readonly Region[], subject: string | null): RefSource[] {
  const automatic = isAutomaticReply(subject);
  const sources: RefSource[] = regions.filter((r) => !automatic || r.tier !== 'history').map((r) => ({ tier: r.tier, page: r.page, spans: r.spans, text: r.page.text }));
  if (subject && !automatic) sources.push({ tier: 'subject', page: null, spans: [wholeText(subject)], text: subject });
  return sources;
}
