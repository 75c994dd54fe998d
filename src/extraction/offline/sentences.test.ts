import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';
import { wholeText } from './spans.ts';

const split = (text: string) => splitSentences(text, wholeText(text)).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at sentence ends, not at abbreviations or decimals', () => {
    expect(split('Re P.O. No. 88123: make it 12.50 approx. each. Thanks! Ok? Yes; no.')).toEqual([
      'Re P.O. No. 88123: make it 12.50 approx. each.', 'Thanks!', 'Ok?', 'Yes;', 'no.',
    ]);
  });

  it('keeps one request per line, but joins a hard-wrapped line', () => {
    expect(split('HX-2210 make it 40\nAB123 reduce to 10\nplease change it from 25\nto 40')).toEqual([
      'HX-2210 make it 40', 'AB123 reduce to 10', 'please change it from 25\nto 40',
    ]);
    expect(split('Update as follows:\n- change it\n- and this')).toEqual(['Update as follows:', '- change it', '- and this']);
  });

  it('numbers paragraphs by blank lines', () => {
    const text = 'One.\n\nTwo.\nThree.';
    expect(splitSentences(text, wholeText(text)).map((s) => s.paragraph)).toEqual([0, 1, 1]);
  });

  it('cuts a run-on text at spaces, so no sentence is unbounded', () => {
    const parts = split('word '.repeat(400));
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.length <= 600 && p.startsWith('word'))).toBe(true);
  });

  it('does not end a sentence at the period of a German date', () => {
    expect(split('Bitte verschieben Sie die Lieferung vom 10.12. auf den 17.12. Danke.')).toEqual(['Bitte verschieben Sie die Lieferung vom 10.12. auf den 17.12.', 'Danke.']);
    expect(split('Liefertermin am 12. Dezember bitte.')).toEqual(['Liefertermin am 12. Dezember bitte.']);
  });

  it('joins a long line wrapped by the mail client, whatever the case of the next word', () => {
    const wrapped = 'Per our updated routing guide, please ship PO HP-77120 via FedEx Freight\nPriority rather than Estes LTL.';
    expect(split(wrapped)).toEqual([wrapped]);
  });

  it('reads only inside the span it is given', () => {
    const text = 'skip this. Read this. And this. skip';
    expect(splitSentences(text, { start: 11, end: 31 }).map((s) => text.slice(s.start, s.end))).toEqual(['Read this.', 'And this.']);
  });
});
