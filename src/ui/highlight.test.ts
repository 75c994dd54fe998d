import { describe, expect, it } from 'vitest';
import { highlight, locate } from './highlight.ts';

describe('highlight', () => {
  it('escapes hostile markup and marks the quoted span', () => {
    const text = 'make it 40 <script>alert(1)</script>';
    expect(highlight(text, [{ start: 8, end: 10, id: 'ev-0-0', group: 'c0' }])).toBe(
      'make it <mark class="ev" id="ev-0-0" data-ev="c0">40</mark> &lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('splits overlapping marks into segments that name every group covering them', () => {
    const html = highlight('HX-2210 qty 40', [{ start: 0, end: 14, id: 'a', group: 'c0' }, { start: 12, end: 14, id: 'b', group: 'c1' }]);
    expect(html).toBe('<mark class="ev" id="a" data-ev="c0">HX-2210 qty </mark><mark class="ev" id="b" data-ev="c0 c1">40</mark>');
  });

  it('renders only the requested range', () => {
    expect(highlight('abc def ghi', [{ start: 4, end: 7, id: 'x', group: 'g' }], { start: 4, end: 11 })).toBe('<mark class="ev" id="x" data-ev="g">def</mark> ghi');
  });

  it('gives every mark starting at the same place an anchor', () => {
    expect(highlight('40', [{ start: 0, end: 2, id: 'a', group: 'c0' }, { start: 0, end: 2, id: 'b', group: 'c1' }])).toBe(
      '<span class="ev-anchor" id="b"></span><mark class="ev" id="a" data-ev="c0 c1">40</mark>',
    );
  });
});

describe('locate', () => {
  it('trusts offsets that hold the quote, else finds the quote, else gives up', () => {
    expect(locate('qty 40 please', { start: 4, end: 6, quote: '40' })).toEqual({ start: 4, end: 6, exact: true });
    expect(locate('qty 40 please', { start: 0, end: 2, quote: '40' })).toEqual({ start: 4, end: 6, exact: false });
    expect(locate('qty 40 please', { start: 0, end: 2, quote: '41' })).toBeNull();
  });
});
