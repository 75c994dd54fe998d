import { describe, expect, it } from 'vitest';
import { addressBlockAfter, addressText, inlineAddress } from './address.ts';
import { wholeText } from './spans.ts';

const block = (text: string) => addressBlockAfter(text, 0, text.length)?.value ?? null;

describe('addressBlockAfter', () => {
  it('joins a US block ending in "City, ST ZIP" with ", "', () => {
    expect(block('Ship to:\n\nHollis Packaging Corp.\nSavannah Distribution Center\n250 Grange Rd, Dock 4\nPort Wentworth, GA 31407\n\nThanks'))
      .toBe('Hollis Packaging Corp., Savannah Distribution Center, 250 Grange Rd, Dock 4, Port Wentworth, GA 31407');
  });

  it('reads European (postal code first) and Canadian blocks, with a country line', () => {
    expect(block('an:\nKrone GmbH\nHafenstraße 12\n68159 Mannheim\nDeutschland')).toBe('Krone GmbH, Hafenstraße 12, 68159 Mannheim, Deutschland');
    expect(block('to:\nCôté Inc.\n455 rue Saint-Patrick\nMontréal, QC H3K 1A1')).toBe('Côté Inc., 455 rue Saint-Patrick, Montréal, QC H3K 1A1');
  });

  it('takes the last city line, so a US street line is not read as a European postal line', () => {
    expect(block('to:\nKeystone Electrical\n6746 Carlisle Pike\nMechanicsburg, PA 17050')).toBe('Keystone Electrical, 6746 Carlisle Pike, Mechanicsburg, PA 17050');
  });

  it('refuses prose, a block without a street line, and a block too far below', () => {
    expect(block('to:\nWe moved last week to a bigger building downtown.\nSpringfield, IL 62704')).toBeNull();
    expect(block('to:\nAcme\nSpringfield, IL 62704')).toBeNull();
    expect(block('to:\n\n\n\nAcme\n1 Main St\nSpringfield, IL 62704')).toBeNull();
  });
});

describe('inlineAddress', () => {
  it('reads an address inside a sentence, from the house number, not from an order number before it', () => {
    const text = 'please change the ship to for PO 77-1234 to 1200 Commerce Dr, Suite 4, Columbus, OH 43215. Thanks';
    expect(inlineAddress(text, wholeText(text))?.value).toBe('1200 Commerce Dr, Suite 4, Columbus, OH 43215');
    const de = 'Lieferadresse: Hafenstraße 12, 68159 Mannheim';
    expect(inlineAddress(de, wholeText(de))?.value).toBe('Lieferadresse: Hafenstraße 12, 68159 Mannheim'.slice(15));
  });

  it('cleans list markers and trailing commas when joining lines', () => {
    expect(addressText(['- Acme Corp,', '  500 Main St ', 'Springfield, IL 62704'])).toBe('Acme Corp, 500 Main St, Springfield, IL 62704');
  });
});
