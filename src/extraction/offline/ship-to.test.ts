import { describe, expect, it } from 'vitest';
import { shipToChanges } from './ship-to.ts';
import type { Tier } from './spans.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string, tier: Tier = 'newest') => {
  const sentences = sentencesOf(text, tier);
  return sentences.flatMap((s) => shipToChanges(s, sentences).findings);
};

describe('shipToChanges', () => {
  it('reads the address block below a request, quoting the request and the block', () => {
    const text = 'Please ship PO 77-1251 to the jobsite instead of our shop:\n\nKeystone Electrical Contractors\nJobsite: Cumberland Valley HS Addition\n6746 Carlisle Pike\nMechanicsburg, PA 17050\n\nSite contact is Dom, (717) 555-0193.';
    const [f] = read(text);
    expect(f).toMatchObject({ kind: 'ship_to', sku: null, from: null, to: 'Keystone Electrical Contractors, Jobsite: Cumberland Valley HS Addition, 6746 Carlisle Pike, Mechanicsburg, PA 17050' });
    expect(f!.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Please ship PO 77-1251 to the jobsite instead of our shop:', 'Keystone Electrical Contractors\nJobsite: Cumberland Valley HS Addition\n6746 Carlisle Pike\nMechanicsburg, PA 17050']);
    expect(f!.warnings[0]).toMatch(/check it against the customer record/);
  });

  it('reads an address written in the sentence after the request', () => {
    expect(read('ship HPM1192 to the Solomons yard pls, not Annapolis. 14550 Solomons Island Rd S, Solomons, MD 20688').map((f) => f.to)).toEqual(['14550 Solomons Island Rd S, Solomons, MD 20688']);
  });

  it('reads German and Spanish requests', () => {
    expect(read('bitte liefern Sie die Bestellung an unser Lager:\nKrone GmbH\nHafenstraße 12\n68159 Mannheim').map((f) => f.to)).toEqual(['Krone GmbH, Hafenstraße 12, 68159 Mannheim']);
    expect(read('Favor de enviar el pedido a nuestra bodega:\n\nManregio\nAv. Las Torres 2250\n66367 Santa Catarina, N.L.').map((f) => f.to)).toEqual(['Manregio, Av. Las Torres 2250, 66367 Santa Catarina, N.L.']);
  });

  it('ignores a signature address, a request without an address, and an unchanged ship-to on a PDF', () => {
    expect(read('Thanks for the quick delivery.\n\nLisa Chen\nKeystone Electrical\n230 Industrial Dr\nMechanicsburg, PA 17055')).toEqual([]);
    expect(read('Please change the delivery address on GSM-3415 to what Ray has below.')).toEqual([]);
    expect(read('Ship to: Delta Process Controls, 5120 Technology Blvd, Baton Rouge, LA 70808', 'attachment')).toEqual([]);
  });
});
