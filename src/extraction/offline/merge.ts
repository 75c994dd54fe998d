// Turns findings into proposed changes: item codes from context, evidence, shape checks, and one change per request.
import { changeKindRegistry, shapeIssues } from '../../changes/registry.ts';
import type { ProposedChange } from '../../changes/schema.ts';
import { normaliseSku } from '../../changes/sku.ts';
import type { Evidence } from '../evidence.ts';
import type { Sentence } from './annotate.ts';
import { CONTEXT_FACTOR, skuContext, type ContextSku } from './context.ts';
import { clamp, type Finding } from './finding.ts';
import { combinePrices, type PriceCandidate } from './price-merge.ts';
import { evidenceAt, type Found, type Tier } from './spans.ts';

type Candidate = PriceCandidate;

const WHERE: Record<ContextSku['distance'], string> = {
  nearby: 'a nearby sentence',
  message: 'elsewhere in the message',
  history: 'the quoted earlier message',
  subject: 'the subject line',
};
const TIER_ORDER: Record<Tier, number> = { newest: 0, forwarded: 1, attachment: 2, history: 3 };

export function toChanges(findings: Finding[], sentences: readonly Sentence[], subjectSkus: Found<string>[]): { changes: ProposedChange[]; warnings: string[] } {
  const warnings: string[] = [];
  const candidates: Candidate[] = [];
  const contextOf = skuContext(sentences, subjectSkus);
  findings.forEach((f, order) => {
    const change = toChange(f, contextOf);
    if (typeof change === 'string') warnings.push(change);
    else candidates.push({ change, tier: f.tier, order, role: f.priceRole ?? 'unknown' });
  });
  const prices = combinePrices(candidates);
  // Every change carries at least one quote of its own request, and is well-formed for its kind.
  const wellFormed = prices.kept.filter(({ change }) => change.evidence.length > 0 && change.evidence.every((e) => e.quote.length > 0) && shapeIssues(change).length === 0);
  return { changes: dedupe(wellFormed), warnings: [...warnings, ...prices.warnings] };
}

function toChange(f: Finding, contextOf: (s: Sentence) => ContextSku | null): ProposedChange | string {
  const evidence: Evidence[] = f.spans.map((s) => evidenceAt(f.page, s));
  const warnings = [...f.warnings];
  let sku = f.sku?.value ?? null;
  let confidence = f.confidence;
  if (f.needsSku) {
    const found = f.sentence ? contextOf(f.sentence) : null;
    const required = changeKindRegistry[f.kind].sku === 'required';
    // A document names the item on the line it changes; borrowing one from elsewhere on a PDF page is a guess too far.
    if (required && f.tier === 'attachment') return `a ${f.kind.replace('_', ' ')} change on an attachment names no item on its line; it was not extracted`;
    if (!found && required) return `a ${f.kind.replace('_', ' ')} change was requested but the item could not be identified; it was not extracted`;
    if (found) {
      sku = found.sku.value;
      if (found.page) evidence.push(evidenceAt(found.page, found.sku));
      warnings.push(`the item code was taken from ${WHERE[found.distance]}`);
      confidence = clamp(confidence * CONTEXT_FACTOR[found.distance]);
    }
  }
  return { kind: f.kind, sku, from: f.from, to: f.to, evidence, confidence, warnings, source: 'model' };
}

const skuKey = (c: ProposedChange) => `${c.kind}|${c.sku == null ? '' : normaliseSku(c.sku)}`;

/** The same request read twice (body and PDF, or two phrasings) becomes one change holding both quotes. */
function dedupe(candidates: Candidate[]): ProposedChange[] {
  const merged: Candidate[] = [];
  const byKey = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.order - b.order)) {
    const key = skuKey(c.change);
    const group = byKey.get(key) ?? [];
    const twin = group.find((m) => sameValues(m.change, c.change));
    if (twin) twin.change = combine(twin.change, c.change);
    else {
      const copy = { ...c, change: { ...c.change, evidence: [...c.change.evidence], warnings: [...c.change.warnings] } };
      merged.push(copy);
      byKey.set(key, [...group, copy]);
    }
  }
  return resolveConflicts(merged, byKey).map((m) => m.change);
}

const sameValues = (a: ProposedChange, b: ProposedChange) => a.to === b.to && (a.from === b.from || a.from == null || b.from == null);

function combine(a: ProposedChange, b: ProposedChange): ProposedChange {
  const seen = new Set(a.evidence.map(evidenceKey));
  return {
    ...a,
    from: a.from ?? b.from,
    evidence: [...a.evidence, ...b.evidence.filter((e) => !seen.has(evidenceKey(e)))],
    confidence: clamp(Math.max(a.confidence, b.confidence) + 0.03),
    warnings: [...new Set([...a.warnings, ...b.warnings])],
  };
}

const evidenceKey = (e: Evidence) => `${e.documentId}#${e.page}@${e.start}-${e.end}`;

/**
 * Two different values for the same item and kind: the sender's own words beat what they forwarded (the
 * forward is what they are correcting); otherwise both stay, flagged, for the reviewer to choose.
 */
function resolveConflicts(merged: Candidate[], byKey: Map<string, Candidate[]>): Candidate[] {
  const overruled = (c: Candidate) => c.tier === 'forwarded' && byKey.get(skuKey(c.change))!.some((o) => o.tier === 'newest');
  const kept = merged.filter((c) => !overruled(c));
  for (const c of kept) {
    const rivals = byKey.get(skuKey(c.change))!.filter((o) => o !== c && !overruled(o));
    if (rivals.length > 0 && c.change.kind !== 'cancel_line' && c.change.kind !== 'cancel_order') {
      c.change.warnings.push('the message asks for different values for this change; only one can apply');
      c.change.confidence = clamp(c.change.confidence - 0.15);
    }
  }
  return kept;
}
