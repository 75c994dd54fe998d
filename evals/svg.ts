// Inline SVG charts for the HTML report (no scripts, no external loads): a confusion matrix and a reliability diagram.
import type { ReliabilityBin } from '../src/ml/metrics.ts';

export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

/** Rows: expected; columns: predicted. Shading is the row share, so each row reads as the recall of its category. */
export function confusionSvg(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  const cell = 34;
  // Room on the left for row labels, above for the slanted column labels (and right, where the last one ends).
  const left = 150;
  const top = 150;
  const size = labels.length * cell;
  const parts: string[] = [];
  labels.forEach((label, i) => {
    parts.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${esc(label)}</text>`);
    const x = left + i * cell + cell / 2 + 4;
    parts.push(`<text x="${x}" y="${top - 6}" transform="rotate(-55 ${x} ${top - 6})">${esc(label)}</text>`);
  });
  matrix.forEach((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((count, j) => {
      const share = total ? count / total : 0;
      const fill = i === j ? `rgba(34,139,34,${(0.1 + 0.8 * share).toFixed(2)})` : count ? `rgba(200,40,40,${(0.15 + 0.75 * share).toFixed(2)})` : '#fafafa';
      const x = left + j * cell;
      const y = top + i * cell;
      parts.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ccc"><title>expected ${esc(labels[i])}, predicted ${esc(labels[j])}: ${count}</title></rect>`);
      if (count) parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" class="${share > 0.6 ? 'on-dark' : ''}">${count}</text>`);
    });
  });
  parts.push(`<text x="${left + size / 2}" y="${top + size + 22}" text-anchor="middle" class="axis">predicted</text>`);
  parts.push(`<text x="14" y="${top + size / 2}" transform="rotate(-90 14 ${top + size / 2})" text-anchor="middle" class="axis">expected</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${left + size + 80}" height="${top + size + 30}" role="img" aria-label="confusion matrix">${parts.join('')}</svg>`;
}

/** Bars: observed rate per bin; dots: the bins' mean prediction vs observed rate; the diagonal is perfect calibration. */
export function reliabilitySvg(bins: readonly ReliabilityBin[], title: string): string {
  const w = 300;
  const pad = 40;
  const x = (v: number) => Math.round((pad + v * w) * 10) / 10;
  const y = (v: number) => Math.round((pad / 2 + (1 - v) * w) * 10) / 10;
  const parts = [
    `<rect x="${x(0)}" y="${y(1)}" width="${w}" height="${w}" fill="#fff" stroke="#999"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#888" stroke-dasharray="4 4"/>`,
  ];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${t}</text>`, `<text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  }
  for (const b of bins) {
    if (!b.count) continue;
    parts.push(`<rect x="${x(b.lo) + 1}" y="${y(b.observedRate)}" width="${(x(b.hi) - x(b.lo) - 2).toFixed(1)}" height="${(y(0) - y(b.observedRate)).toFixed(1)}" fill="rgba(70,110,200,0.35)"><title>${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.count} predictions, mean ${b.meanPredicted.toFixed(3)}, observed ${b.observedRate.toFixed(3)}</title></rect>`);
    parts.push(`<circle cx="${x(b.meanPredicted)}" cy="${y(b.observedRate)}" r="${Math.min(9, 2.5 + Math.sqrt(b.count))}" fill="#2a4d9b"/>`);
    parts.push(`<text x="${x((b.lo + b.hi) / 2)}" y="${y(0) - 4}" text-anchor="middle" class="small">${b.count}</text>`);
  }
  parts.push(`<text x="${x(0.5)}" y="${y(0) + 32}" text-anchor="middle" class="axis">predicted probability</text>`);
  parts.push(`<text x="12" y="${y(0.5)}" transform="rotate(-90 12 ${y(0.5)})" text-anchor="middle" class="axis">observed rate</text>`);
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${w + pad + 10}" height="${w + pad + 20}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}
