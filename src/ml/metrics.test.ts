import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, ece, reliabilityBins, rocAuc, type Scored } from './metrics.ts';

const s = (pairs: [number, 0 | 1][]): Scored[] => pairs.map(([p, y]) => ({ p, y: y === 1 }));

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, null without both classes', () => {
    expect(rocAuc(s([[0.9, 1], [0.8, 1], [0.2, 0]]))).toBe(1);
    expect(rocAuc(s([[0.1, 1], [0.8, 0]]))).toBe(0);
    expect(rocAuc(s([[0.1, 1]]))).toBeNull();
  });
  it('counts ties as half: by hand, pairs (pos,neg) = (.8,.8)=.5 (.8,.3)=1 (.4,.8)=0 (.4,.3)=1 → 2.5/4', () => {
    expect(rocAuc(s([[0.8, 1], [0.4, 1], [0.8, 0], [0.3, 0]]))).toBeCloseTo(0.625, 12);
  });
});

describe('averagePrecision', () => {
  it('by hand: ranking 1,0,1,0 → (1/1 + 2/3) / 2 = 0.8333', () => {
    expect(averagePrecision(s([[0.9, 1], [0.8, 0], [0.7, 1], [0.1, 0]]))).toBeCloseTo(5 / 6, 12);
  });
  it('treats a tie as one threshold: {0.5:1, 0.5:0} → precision 1/2', () => {
    expect(averagePrecision(s([[0.5, 1], [0.5, 0]]))).toBeCloseTo(0.5, 12);
  });
});

describe('brier and ece', () => {
  it('brier by hand: ((0.9-1)² + (0.2-0)² + (0.6-0)²) / 3 = 0.41/3', () => {
    expect(brier(s([[0.9, 1], [0.2, 0], [0.6, 0]]))).toBeCloseTo(0.41 / 3, 12);
  });
  it('ece by hand: bins [0.1,0.2): p .15,.15 y 0,1 → gap .35; [0.9,1]: p .95,1 y 1,1 → gap .025; (2*.35 + 2*.025)/4', () => {
    const d = s([[0.15, 0], [0.15, 1], [0.95, 1], [1, 1]]);
    expect(ece(d)).toBeCloseTo((2 * 0.35 + 2 * 0.025) / 4, 12);
    const bins = reliabilityBins(d);
    expect(bins).toHaveLength(10);
    expect(bins[9]).toMatchObject({ count: 2, observedRate: 1 });
    expect(bins[1]).toMatchObject({ count: 2, observedRate: 0.5 });
  });
  it('is 0 for perfectly calibrated bins', () => {
    expect(ece(s([[0.5, 1], [0.5, 0]]))).toBe(0);
  });
});
