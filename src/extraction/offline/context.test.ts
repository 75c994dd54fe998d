import { describe, expect, it } from 'vitest';
import { annotate, type Sentence } from './annotate.ts';
import { skuContext } from './context.ts';
import type { Found } from './spans.ts';
import { REF } from './test-support.ts';

function contextFor(newest: string, target: string, history = '', subject: Found<string>[] = []) {
  const text = `${newest}\n\n${history}`;
  const page = { documentId: 'm:0', page: null, text };
  const sentences = annotate([
    { page, tier: 'newest', spans: [{ start: 0, end: newest.length }] },
    { page, tier: 'history', spans: history ? [{ start: newest.length + 2, end: text.length }] : [] },
  ], REF);
  const s = sentences.find((x: Sentence) => x.text === target)!;
  const found = skuContext(sentences, subject)(s);
  return found && { sku: found.sku.value, distance: found.distance };
}

describe('skuContext', () => {
  it('takes the item from the nearest sentence before, then after', () => {
    expect(contextFor('About HX-2210. Make it 40 not 25.', 'Make it 40 not 25.')).toEqual({ sku: 'HX-2210', distance: 'nearby' });
    expect(contextFor('Make it 40 not 25. That is for AB123. Thanks.', 'Make it 40 not 25.')).toEqual({ sku: 'AB123', distance: 'nearby' });
  });

  it('gives up when the nearest sentence names several items', () => {
    expect(contextFor('About HX-2210 and AB123. Make it 40 not 25.', 'Make it 40 not 25.')).toBeNull();
  });

  it('falls back to the only item in the message, then in history, then in the subject', () => {
    expect(contextFor('Hi.\nOne.\nTwo.\nThree.\nMake it 40.\n\nRe HX-2210 line', 'Make it 40.')).toEqual({ sku: 'HX-2210', distance: 'message' });
    expect(contextFor('Make it 40.', 'Make it 40.', '> 25 of AB123 confirmed.')).toEqual({ sku: 'AB123', distance: 'history' });
    expect(contextFor('Make it 40.', 'Make it 40.', '', [{ start: 4, end: 11, value: 'VLV-200' }])).toEqual({ sku: 'VLV-200', distance: 'subject' });
    expect(contextFor('Make it 40.', 'Make it 40.', '> HX-2210 and AB123')).toBeNull();
  });
});
