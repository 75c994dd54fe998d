import { describe, expect, it } from 'vitest';
import { chronologicalBlocks, splitByDate } from './time-split.ts';

const days = (...ds: string[]) => ds.map((date, i) => ({ date, i }));

describe('splitByDate', () => {
  it('holds out the latest 30% by date, whatever the input order', () => {
    // 10 invoices: round(10 × 0.7) = 7 → the cutoff is the 8th date in order.
    const items = days('2024-01-10', '2024-01-01', '2024-01-09', '2024-01-02', '2024-01-08', '2024-01-03', '2024-01-07', '2024-01-04', '2024-01-06', '2024-01-05');
    const s = splitByDate(items, 0.3);
    expect(s.cutoff).toBe('2024-01-08');
    expect(s.before.map((x) => x.date)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07']);
    expect(s.after.map((x) => x.date)).toEqual(['2024-01-08', '2024-01-09', '2024-01-10']);
  });

  it('never cuts a day in two: every invoice of the cutoff day is held out', () => {
    const s = splitByDate(days('2024-01-01', '2024-01-02', '2024-01-03', '2024-01-03', '2024-01-03'), 0.5);
    // round(5 × 0.5) = 3 (round half up on 2.5) → the 4th invoice's day, 2024-01-03, and all of it.
    expect(s.cutoff).toBe('2024-01-03');
    expect(s.before).toHaveLength(2);
    expect(s.after).toHaveLength(3);
    expect(Math.max(...s.before.map((x) => Date.parse(x.date)))).toBeLessThan(Math.min(...s.after.map((x) => Date.parse(x.date))));
  });

  it('refuses a split that leaves one side empty', () => {
    expect(() => splitByDate(days('2024-01-01', '2024-01-01'), 0.3)).toThrow(/more than one day/);
    expect(() => splitByDate(days('2024-01-01'), 1.5)).toThrow(/share/);
  });
});

describe('chronologicalBlocks', () => {
  it('cuts n/k-sized blocks in date order at whole days', () => {
    const blocks = chronologicalBlocks(days('2024-01-06', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-03', '2024-01-05'), 3);
    // cuts at positions round(6/3)=2 → 2024-01-03 and round(12/3)=4 → 2024-01-05
    expect(blocks.map((b) => b.map((x) => x.date))).toEqual([
      ['2024-01-01', '2024-01-02'], ['2024-01-03', '2024-01-03'], ['2024-01-05', '2024-01-06'],
    ]);
  });
});
