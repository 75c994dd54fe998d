// Optimal one-to-one matching of expected and predicted changes (kind + normalised sku), by the Hungarian algorithm.
import type { CanonicalChange } from '../src/changes/schema.ts';
import { changeKey, sameValue } from './normalise.ts';

/**
 * The assignment of rows to columns with the largest total weight (Kuhn-Munkres, O(n³)). Pairs of weight ≤ 0 are
 * "not allowed" and never returned. Rows and columns may differ in number: the matrix is padded with zeros.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): Array<[row: number, col: number]> {
  const rows = weights.length;
  const cols = rows ? Math.max(...weights.map((r) => r.length)) : 0;
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  const w = (i: number, j: number) => Math.max(0, weights[i]?.[j] ?? 0);
  let maxW = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) maxW = Math.max(maxW, w(i, j));
  const cost = (i: number, j: number) => maxW - w(i, j); // minimising cost = maximising weight
  // e-maxx formulation, 1-based: u/v are the potentials, p[j] the row matched to column j, way[] the augmenting path.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i < rows && j - 1 < cols && w(i, j - 1) > 0) pairs.push([i, j - 1]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

export interface ChangeMatch {
  /** [index in expected, index in predicted], in expected order. */
  pairs: Array<[number, number]>;
  missed: number[];
  spurious: number[];
}

/**
 * A pair's weight: it may match only on equal kind + sku; among such pairs, agreeing values break ties. Equal keys
 * form complete bipartite groups, so the heaviest assignment is also one with the most matches.
 */
const MATCH_WEIGHT = 10;

export function matchChanges(expected: readonly CanonicalChange[], predicted: readonly CanonicalChange[]): ChangeMatch {
  const weights = expected.map((e) =>
    predicted.map((p) =>
      changeKey(e) !== changeKey(p) ? 0 : MATCH_WEIGHT + (sameValue(e.kind, e.from, p.from) ? 1 : 0) + (sameValue(e.kind, e.to, p.to) ? 1 : 0),
    ),
  );
  const pairs = maxWeightAssignment(weights);
  const usedE = new Set(pairs.map(([e]) => e));
  const usedP = new Set(pairs.map(([, p]) => p));
  return {
    pairs,
    missed: expected.map((_, i) => i).filter((i) => !usedE.has(i)),
    spurious: predicted.map((_, i) => i).filter((i) => !usedP.has(i)),
  };
}
