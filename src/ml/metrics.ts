// Metrics for probabilistic predictions, shared by the risk trainer and the eval harness: ranking (ROC-AUC,
// average precision) and calibration (Brier score, expected calibration error, reliability bins).

export interface Scored { p: number; y: boolean }

/** ROC-AUC as the Mann-Whitney statistic: P(score of a positive > score of a negative), ties counting half. */
export function rocAuc(data: Scored[]): number | null {
  const pos = data.filter((d) => d.y).length;
  const neg = data.length - pos;
  if (pos === 0 || neg === 0) return null;
  const sorted = [...data].sort((a, b) => a.p - b.p);
  let rankSumPos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.p === sorted[i]!.p) j++;
    const avgRank = (i + 1 + j) / 2; // ranks i+1..j share their average
    for (let k = i; k < j; k++) if (sorted[k]!.y) rankSumPos += avgRank;
    i = j;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** PR-AUC as average precision: the mean of precision at each positive, in descending score (ties grouped). */
export function averagePrecision(data: Scored[]): number | null {
  const pos = data.filter((d) => d.y).length;
  if (pos === 0) return null;
  const sorted = [...data].sort((a, b) => b.p - a.p);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let groupTp = 0;
    while (j < sorted.length && sorted[j]!.p === sorted[i]!.p) groupTp += sorted[j++]!.y ? 1 : 0;
    tp += groupTp;
    seen = j;
    ap += (groupTp / pos) * (tp / seen);
    i = j;
  }
  return ap;
}

export function brier(data: Scored[]): number | null {
  if (!data.length) return null;
  return data.reduce((s, d) => s + (d.p - (d.y ? 1 : 0)) ** 2, 0) / data.length;
}

export interface ReliabilityBin { lo: number; hi: number; count: number; meanPredicted: number; observedRate: number }

/** Equal-width bins over [0, 1]; a prediction of exactly 1 falls in the last bin. Empty bins are kept (count 0). */
export function reliabilityBins(data: Scored[], bins = 10): ReliabilityBin[] {
  const out = Array.from({ length: bins }, (_, i) => ({ lo: i / bins, hi: (i + 1) / bins, count: 0, sumP: 0, sumY: 0 }));
  for (const d of data) {
    const b = out[Math.min(bins - 1, Math.floor(d.p * bins))]!;
    b.count++;
    b.sumP += d.p;
    b.sumY += d.y ? 1 : 0;
  }
  return out.map(({ lo, hi, count, sumP, sumY }) => ({ lo, hi, count, meanPredicted: count ? sumP / count : 0, observedRate: count ? sumY / count : 0 }));
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed rate per bin. */
export function ece(data: Scored[], bins = 10): number | null {
  if (!data.length) return null;
  return reliabilityBins(data, bins).reduce((s, b) => s + (b.count / data.length) * Math.abs(b.meanPredicted - b.observedRate), 0);
}
