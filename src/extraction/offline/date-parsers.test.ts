import { describe, expect, it } from 'vitest';
import { dateReference, findDates } from './date-mentions.ts';
import { wholeText } from './spans.ts';

// Sent Wednesday 18 November 2026.
const at = (language: 'en' | 'de' | 'es' = 'en', dayFirst = false) => dateReference('2026-11-18T15:00:00Z', undefined, { language, dayFirst });
const dates = (text: string, ref = at()) => findDates(text, wholeText(text), ref).map((d) => [text.slice(d.start, d.end), d.iso]);

describe('numeric dates', () => {
  it('reads dotted dates day first, always', () => {
    expect(dates('from 27.11.2026 to 04.12.2026')).toEqual([['27.11.2026 to 04.12.2026', '2026-11-27']]);
    expect(dates('vom 10.12. auf den 17.12.', at('de', true))).toEqual([['10.12.', '2026-12-10'], ['17.12.', '2026-12-17']]);
  });

  it('reads slashed dates in the sender\'s order, and flags the ambiguous US reading', () => {
    expect(dates('deliver 04/12/2027')).toEqual([['04/12/2027', '2027-04-12']]);
    expect(dates('deliver 04/12/2027', at('es', true))).toEqual([['04/12/2027', '2027-12-04']]);
    const [us] = findDates('ship 12/04', wholeText('ship 12/04'), at());
    expect(us).toMatchObject({ iso: '2026-12-04', ambiguousOrder: true });
  });

  it('leaves fractions and decimals alone', () => {
    expect(dates('a 3/4 in valve, 2.5 mm')).toEqual([]);
  });
});

describe('other grammars', () => {
  it('resolves "the 12th" to the next 12th, and not "2nd Day Air"', () => {
    expect(dates('deliver on the 12th')).toEqual([['the 12th', '2026-12-12']]);
    expect(dates('ship it 2nd Day Air')).toEqual([]);
  });

  it('knows US holidays and the days around them', () => {
    expect(dates("don't deliver until the Monday after Thanksgiving")).toEqual([['the Monday after Thanksgiving', '2026-11-30']]);
    expect(dates('before Christmas')).toEqual([['Christmas', '2026-12-25']]);
  });

  it('reads German and Spanish dates in the sender\'s language', () => {
    expect(dates('am 12. Dezember', at('de', true))).toEqual([['am 12. Dezember', '2026-12-12']]);
    expect(dates('para el próximo lunes', at('es', true))).toEqual([['próximo lunes', '2026-11-23']]);
    expect(dates('el 4 de diciembre', at('es', true))).toEqual([['4 de diciembre', '2026-12-04']]);
  });

  it('takes the end of a week as its Friday', () => {
    expect(dates('by the end of next week')).toEqual([['end of next week', '2026-11-27']]);
  });
});
