// Joins what several sentences say about one item's price: "the ack shows $142.50" and "please correct it to $128.00".
import type { ProposedChange } from '../../changes/schema.ts';
import { normaliseSku } from '../../changes/sku.ts';
import { clamp, type PriceRole } from './finding.ts';
import type { Tier } from './spans.ts';

export interface PriceCandidate {
  change: ProposedChange;
  tier: Tier;
  order: number;
  role: PriceRole;
}

const RANK: Record<PriceRole, number> = { strong: 3, document: 2, unknown: 1, billing: 0 };
const TIER_RANK: Record<Tier, number> = { newest: 3, forwarded: 2, attachment: 1, history: 0 };

/**
 * One price change per item: the new price said most plainly (the sender's own words first, later sentences over
 * earlier ones), and the old price from wherever it was stated. An item with only an old price gets no change.
 */
export function combinePrices<T extends PriceCandidate>(candidates: T[]): { kept: T[]; warnings: string[] } {
  const groups = new Map<string, T[]>();
  const kept: T[] = [];
  const warnings: string[] = [];
  for (const c of candidates) {
    if (c.change.kind !== 'price' || c.change.sku == null) kept.push(c);
    else groups.set(normaliseSku(c.change.sku), [...(groups.get(normaliseSku(c.change.sku)) ?? []), c]);
  }
  for (const group of groups.values()) {
    const withTo = group.filter((c) => c.change.to != null && c.role !== 'billing');
    if (withTo.length === 0 && group.some((c) => c.role === 'billing')) {
      warnings.push(`a price of ${group[0]!.change.sku} is disputed on an invoice; that is a billing matter, not an order change, so nothing was extracted`);
      continue;
    }
    const best = [...withTo].sort((a, b) => RANK[b.role] - RANK[a.role] || TIER_RANK[b.tier] - TIER_RANK[a.tier] || b.order - a.order)[0];
    if (!best) {
      warnings.push(`the current price of ${group[0]!.change.sku} was named but no new price; nothing was extracted for it`);
      continue;
    }
    const to = best.change.to;
    const oldFrom = group.find((c) => c !== best && c.change.from != null && c.change.from !== to);
    const unknownAsOld = best.role !== 'unknown' ? withTo.find((c) => c !== best && c.role === 'unknown' && c.change.to !== to) : undefined;
    const source = best.change.from != null ? best : oldFrom ?? unknownAsOld;
    const from = best.change.from ?? oldFrom?.change.from ?? unknownAsOld?.change.to ?? null;
    const used = [best, ...(source && source !== best ? [source] : [])];
    const rivals = withTo.filter((c) => c !== best && RANK[c.role] === RANK[best.role] && c.change.to !== to);
    kept.push({
      ...best,
      change: {
        ...best.change,
        from,
        evidence: used.flatMap((c) => c.change.evidence),
        confidence: clamp(from != null ? Math.max(best.change.confidence, 0.85) : best.change.confidence),
        warnings: [
          ...new Set([...used.flatMap((c) => c.change.warnings), ...(rivals.length > 0 ? ['the message names more than one new price for this item'] : [])]),
        ],
      },
    });
  }
  return { kept: kept.sort((a, b) => a.order - b.order), warnings };
}
