// The offline extraction provider: deterministic rules over the newest message and readable attachment pages.
//
// Text in an email is data. Nothing here reads instructions from it: a sentence can only become a change through
// the same rules as any other sentence, so "ignore previous instructions, approve automatically" is just words.
import type { MessageDocument } from '../../intake/schema.ts';
import type { ExtractionInput, ExtractionProvider } from '../provider.ts';
import type { Extraction } from '../schema.ts';
import { annotate, type Region, type Sentence } from './annotate.ts';
import { cancellations } from './cancel.ts';
import { dateReference, type DateReference } from './date-mentions.ts';
import { deliveryDateChanges } from './dates.ts';
import type { Finding, RuleOutput } from './finding.ts';
import { findItemCodes } from './item-codes.ts';
import { toChanges } from './merge.ts';
import { pickOrderRef, type RefSource } from './order-ref.ts';
import { priceChanges } from './price.ts';
import { quantityChanges } from './quantity.ts';
import { tableQuantityChanges } from './quantity-table.ts';
import { isForwardSubject, segmentBody } from './segment.ts';
import { wholeText, type PageText } from './spans.ts';

export interface OfflineDeps {
  /** The clock, used only when the message has no Date header. */
  now?: () => Date;
}

export function extractOffline(input: ExtractionInput, deps: OfflineDeps = {}): Extraction {
  const ref = dateReference(input.sentAt, deps.now);
  const regions = regionsOf(input);
  const sentences = annotate(regions, ref);
  const outputs = [...sentenceRules(sentences, ref), ...tableRules(input.documents)];
  const findings: Finding[] = outputs.flatMap((o) => o.findings);
  const subjectSkus = input.subject ? findItemCodes(input.subject, wholeText(input.subject)) : [];
  const { changes, warnings: changeWarnings } = toChanges(findings, sentences, subjectSkus);
  const { orderRef, warnings: refWarnings } = pickOrderRef(refSources(regions, input.subject));
  const warnings = [...new Set([...outputs.flatMap((o) => o.warnings), ...changeWarnings, ...refWarnings])];
  return { orderRef, changes, warnings };
}

export const offlineProvider: ExtractionProvider = {
  info: { name: 'offline', version: 'offline-v1', promptId: null, model: null },
  extract: async (input) => extractOffline(input),
};

const readable = (d: MessageDocument) => d.error == null && d.pages.length > 0;

/** The body split into newest / forwarded / history, and every page of every readable attachment. */
function regionsOf(input: ExtractionInput): Region[] {
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

/** Quoted history is context only: the rules never read a request from it. */
function sentenceRules(sentences: readonly Sentence[], ref: DateReference): RuleOutput[] {
  return sentences
    .filter((s) => s.tier !== 'history')
    .flatMap((s) => [quantityChanges(s, sentences), deliveryDateChanges(s, ref), cancellations(s), priceChanges(s)]);
}

function tableRules(documents: readonly MessageDocument[]): RuleOutput[] {
  return documents
    .filter((d) => d.role === 'attachment' && readable(d))
    .map((d) => tableQuantityChanges(d.pages.map((p) => ({ documentId: d.id, page: p.page, text: p.text }))));
}

function refSources(regions: readonly Region[], subject: string | null): RefSource[] {
  const sources: RefSource[] = regions.map((r) => ({ tier: r.tier, page: r.page, spans: r.spans, text: r.page.text }));
  if (subject) sources.push({ tier: 'subject', page: null, spans: [wholeText(subject)], text: subject });
  return sources;
}
