import { describe, expect, it } from 'vitest';
import type { CanonicalChange } from '../src/changes/schema.ts';
import { matchChanges, maxWeightAssignment } from './match.ts';

/** The best total weight over every assignment (permutations of the padded square), for checking the algorithm. */
function bruteForceBest(w: number[][]): number {
  const n = Math.max(w.length, ...w.map((r) => r.length));
  const cols = [...Array(n).keys()];
  let best = 0;
  const go = (i: number, left: number[], total: number) => {
    if (i === n) return void (best = Math.max(best, total));
    for (const j of left) go(i + 1, left.filter((x) => x !== j), total + Math.max(0, w[i]?.[j] ?? 0));
  };
  go(0, cols, 0);
  return best;
}

/** mulberry32: a small seeded generator, so the random matrices are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('maxWeightAssignment', () => {
  it('by hand: [[5,4],[4,1]] → crosswise (4+4=8 beats 5+1=6)', () => {
    expect(maxWeightAssignment([[5, 4], [4, 1]])).toEqual([[0, 1], [1, 0]]);
  });
  it('handles rectangles and never returns a zero-weight pair', () => {
    expect(maxWeightAssignment([[0, 2, 5]])).toEqual([[0, 2]]);
    expect(maxWeightAssignment([[1], [3], [2]])).toEqual([[1, 0]]);
    expect(maxWeightAssignment([[0, 0], [0, 0]])).toEqual([]);
    expect(maxWeightAssignment([])).toEqual([]);
  });
  it('finds the optimum on 300 random matrices up to 6×6, as exhaustive search does', () => {
    const rand = rng(42);
    for (let t = 0; t < 300; t++) {
      const rows = 1 + Math.floor(rand() * 6);
      const cols = 1 + Math.floor(rand() * 6);
      const w = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rand() < 0.4 ? 0 : Math.floor(rand() * 13))));
      const pairs = maxWeightAssignment(w);
      expect(new Set(pairs.map(([i]) => i)).size).toBe(pairs.length);
      expect(new Set(pairs.map(([, j]) => j)).size).toBe(pairs.length);
      expect(pairs.reduce((s, [i, j]) => s + w[i]![j]!, 0)).toBe(bruteForceBest(w));
    }
  });
});

const ch = (kind: CanonicalChange['kind'], sku: string | null, from: CanonicalChange['from'], to: CanonicalChange['to']): CanonicalChange => ({ kind, sku, from, to });

describe('matchChanges', () => {
  it('pairs on kind + normalised sku, preferring agreeing values over input order', () => {
    const expected = [ch('quantity', 'HX-2210', 25, 40), ch('quantity', 'HX-2210', 10, 12), ch('delivery_date', null, null, '2026-12-04')];
    const predicted = [ch('quantity', 'hx 2210', 10, 12), ch('quantity', 'HX2210', 25, 40), ch('price', 'HX-2210', 4, 5)];
    expect(matchChanges(expected, predicted)).toEqual({ pairs: [[0, 1], [1, 0]], missed: [2], spurious: [2] });
  });
  it('still matches when values disagree (value accuracy scores them), but never across kinds or skus', () => {
    expect(matchChanges([ch('quantity', 'A-1', 1, 2)], [ch('quantity', 'a1', 1, 3)]).pairs).toEqual([[0, 0]]);
    expect(matchChanges([ch('quantity', 'A-1', 1, 2)], [ch('add_line', 'A-1', 1, 2)]).pairs).toEqual([]);
    expect(matchChanges([ch('delivery_date', null, null, '2026-12-04')], [ch('delivery_date', 'A-1', null, '2026-12-04')]).pairs).toEqual([]);
  });
  it('is one-to-one: two predictions of one expected change leave one spurious', () => {
    const m = matchChanges([ch('cancel_line', 'B-7', null, null)], [ch('cancel_line', 'B-7', null, null), ch('cancel_line', 'b 7', null, null)]);
    expect(m.pairs).toHaveLength(1);
    expect(m.spurious).toHaveLength(1);
  });
});
