import { describe, expect, it } from 'vitest';
import { addDays, shiftIn } from './date-shift.ts';

describe('shiftIn', () => {
  it.each([
    ['can you push it out two weeks?', 14],
    ['be delivered one week later than planned', 7],
    ['please delay delivery by 3 days', 3],
    ['can we pull it in a week', -7],
    ['we need it two days earlier', -2],
  ])('%j → %d days', (text, days) => {
    expect(shiftIn(text)?.days).toBe(days);
  });

  it('finds no shift in a plain date or duration', () => {
    expect(shiftIn('deliver within 5 days')).toBeNull();
    expect(shiftIn('deliver on Dec 4')).toBeNull();
  });

  it('adds calendar days across a month end', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});
