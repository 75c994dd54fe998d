// The offline extraction provider: deterministic rules over the newest message and readable attachment pages.
//
// Text in an email is data. Nothing here reads instructions from it: a sentence can only become a change through
// the same rules as any other sentence, so "ignore previous instructions, approve automatically" is just words.
import { normaliseSku } from '../../changes/sku.ts';
import type { ExtractionInput, ExtractionProvider } from '../provider.ts';
import type { Extraction } from '../schema.ts';
import { addLines } from './add-line.ts';
import { annotate, type Region, type Sentence } from './annotate.ts';
import { cancellations } from './cancel.ts';
import { tableChanges, type TablePage } from './change-table.ts';
import { dateReference, type DateReference } from './date-mentions.ts';
import { deliveryDateChanges } from './dates.ts';
import type { Finding, RuleOutput } from './finding.ts';
import { findItemCodes } from './item-codes.ts';
import { localeOf } from './locale.ts';
import { toChanges } from './merge.ts';
import { pickOrderRef } from './order-ref-pick.ts';
import { otherRequests } from './other-request.ts';
import { priceChanges } from './price.ts';
import { quantityChanges } from './quantity.ts';
import { isAutomaticReply, ownWords, refSources, regionsOf } from './regions.ts';
import { shipToChanges } from './ship-to.ts';
import { shippingMethodChanges } from './shipping-method.ts';
import { wholeText } from './spans.ts';
import { splitShipments } from './split-shipment.ts';
import { substitutions } from './substitution.ts';

export interface OfflineDeps {
  /** The clock, used only when the message has no Date header. */
  now?: () => Date;
}

export const OFFLINE_VERSION = 'offline-v3';

export function extractOffline(input: ExtractionInput, deps: OfflineDeps = {}): Extraction {
  const regions = regionsOf(input);
  const ref = dateReference(input.sentAt, deps.now, localeOf(ownWords(regions)));
  const picked = pickOrderRef(refSources(regions, input.subject));
  const facts = { notItems: picked.notItems, otherDocuments: picked.otherDocuments, orderKey: picked.orderRef ? normaliseSku(picked.orderRef.value) : null };
  const sentences = annotate(regions, ref, facts);
  // An automatic reply (out of office, a bounce) asks for nothing, whatever the message it quotes asked.
  const outputs = isAutomaticReply(input.subject) ? [] : [...sentenceRules(sentences, ref), ...tableRules(regions, ref, facts.notItems)];
  const findings = splitNotDated(wholeOrderCancelled(preferAddLines(outputs.flatMap((o) => o.findings))));
  const subjectSkus = input.subject ? findItemCodes(input.subject, wholeText(input.subject)).filter((c) => !facts.notItems.has(normaliseSku(c.value))) : [];
  const { changes, warnings: changeWarnings } = toChanges(findings, sentences, subjectSkus);
  const warnings = [...new Set([...outputs.flatMap((o) => o.warnings), ...changeWarnings, ...picked.warnings])];
  return { orderRef: picked.orderRef, changes, warnings };
}

export const offlineProvider: ExtractionProvider = {
  info: { name: 'offline', version: OFFLINE_VERSION, promptId: null, model: null },
  extract: async (input) => extractOffline(input),
};

/** Quoted history is context only: the rules never read a request from it. */
function sentenceRules(sentences: readonly Sentence[], ref: DateReference): RuleOutput[] {
  return sentences
    .filter((s) => s.tier !== 'history')
    .flatMap((s) => [
      quantityChanges(s, sentences), addLines(s, sentences), deliveryDateChanges(s, ref, sentences), cancellations(s), priceChanges(s),
      substitutions(s), shippingMethodChanges(s), splitShipments(s), shipToChanges(s, sentences), otherRequests(s),
    ]);
}

/** Tables in each attachment (continuing across its pages) and in the sender's own words of an HTML body. */
function tableRules(regions: readonly Region[], ref: DateReference, notItems: ReadonlySet<string>): RuleOutput[] {
  const byDocument = new Map<string, TablePage[]>();
  for (const r of regions) {
    if (r.tier === 'history' || r.spans.length === 0) continue;
    const key = `${r.page.documentId}:${r.tier}`;
    byDocument.set(key, [...(byDocument.get(key) ?? []), { page: r.page, tier: r.tier, spans: r.tier === 'attachment' ? undefined : r.spans }]);
  }
  return [...byDocument.values()].map((pages) => tableChanges(pages, ref, notItems));
}

/** A cancelled order takes its lines with it: a notice listing each line as cancelled asks for one thing. */
function wholeOrderCancelled(findings: Finding[]): Finding[] {
  const whole = findings.some((f) => f.kind === 'cancel_order' && f.confidence >= 0.6);
  // Nothing is left to deliver either: dates, carriers and splits said beside it explain, they do not ask.
  const moot: Finding['kind'][] = ['cancel_line', 'delivery_date', 'shipping_method', 'split_shipment'];
  return whole ? findings.filter((f) => !moot.includes(f.kind)) : findings;
}

/** "Ship what you have now, the crew starts Thursday": a split request's own sentence gives no new delivery date. */
function splitNotDated(findings: Finding[]): Finding[] {
  const split = new Set(findings.filter((f) => f.kind === 'split_shipment' && f.sentence).map((f) => f.sentence));
  return findings.filter((f) => f.kind !== 'delivery_date' || !f.sentence || !split.has(f.sentence));
}

/** "Add 12 cases of 778812" also reads as "quantity 12" for that item: the new line is what was asked. */
function preferAddLines(findings: Finding[]): Finding[] {
  const added = findings.filter((f) => f.kind === 'add_line');
  const sameItem = (a: Finding, b: Finding) => a.sentence === b.sentence && a.sku?.value === b.sku?.value;
  return findings.filter((f) => f.kind !== 'quantity' || !added.some((a) => sameItem(a, f) || (f.sku == null && a.sentence === f.sentence)));
}
