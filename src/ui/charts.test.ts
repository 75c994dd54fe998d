import { describe, expect, it } from 'vitest';
import { horizontalBars, stackedColumns } from './charts.ts';

describe('charts', () => {
  it('stacks the series of each day and escapes every label', () => {
    const svg = stackedColumns({ labels: ['2026-01-01', '2026-01-02'], series: [{ name: '<b>qty</b>', values: [2, 0] }, { name: 'date', values: [1, 3] }], title: 'volume' });
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('&lt;b&gt;qty&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toMatch(/style=/);
  });

  it('scales bars to the largest value and writes the value beside each', () => {
    const svg = horizontalBars([{ label: 'quantity.to', value: 0.5, text: '50%' }, { label: 'orderRef', value: 0.25, text: '25%' }], { title: 'edits', width: 400 });
    const widths = [...svg.matchAll(/<rect x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(2 * widths[1]!, 0);
    expect(svg).toContain('>50%</text>');
  });
});
