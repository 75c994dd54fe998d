// Whole-message behaviour of the offline provider on wordings its rules were widened for (v3), in our own words.
import { describe, expect, it } from 'vitest';
import { extractOffline } from './index.ts';
import { expectGrounded, inputOf } from './test-support.ts';

function run(body: string, subject: string | null = null) {
  const input = inputOf(body, { subject });
  const out = extractOffline(input);
  for (const c of out.changes) expectGrounded(c.evidence, input.documents);
  return { ref: out.orderRef?.value ?? null, changes: out.changes.map((c) => ({ kind: c.kind, sku: c.sku, from: c.from, to: c.to })), warnings: out.warnings };
}

describe('offline provider, widened rules', () => {
  it('reads new lines listed under an "add these" intro, taking the count written before each item', () => {
    const { changes } = run('Hi,\n\nPlease add these to PO 7712-A:\n\n6 x QF-220-BLU (1/2" hose clamp, pack of 10)\n2 x QF-330-RED\n\nThanks');
    expect(changes).toEqual([
      { kind: 'add_line', sku: 'QF-220-BLU', from: null, to: 6 },
      { kind: 'add_line', sku: 'QF-330-RED', from: null, to: 2 },
    ]);
  });

  it('does not count a size or rating as a quantity', () => {
    const { changes } = run('On PO 55120 we need 14 of the 3" flanged tees (FT-300-CS), not the 10 we ordered.');
    expect(changes).toEqual([{ kind: 'quantity', sku: 'FT-300-CS', from: 10, to: 14 }]);
  });

  it('takes a code the verb updates as the order, and a code changed to a number as an item', () => {
    expect(run('Ana - please update KLM-2026-077. The new count is below.').ref).toBe('KLM-2026-077');
    expect(run('Please change QF-220-BLU to 40 on PO 4500099881.').ref).toBe('4500099881');
  });

  it('reads a price correction stated only by two amounts', () => {
    const { changes } = run('PO 4500012000: the drum pumps (DP-11-SS) should be $318.00 per our agreement, not $344.50.');
    expect(changes).toEqual([{ kind: 'price', sku: 'DP-11-SS', from: 344.5, to: 318 }]);
  });

  it('does not read voiding an invoice as cancelling the order', () => {
    const { changes } = run('We were billed twice, invoices 8810021 and 8810077, for one delivery on PO 4500012777.\n\nPlease void 8810077 and confirm.');
    expect(changes).toEqual([]);
  });

  it('keeps a second request out of a cancellation', () => {
    const { changes } = run('On PO 4500012901 cancel the steel brackets (BR-100-ST) and add 12 of the aluminium ones (BR-100-AL) as a new line.');
    expect(changes).toEqual([
      { kind: 'add_line', sku: 'BR-100-AL', from: null, to: 12 },
      { kind: 'cancel_line', sku: 'BR-100-ST', from: null, to: null },
    ].sort(() => 0));
  });

  it('names no order when a remittance lists many alike', () => {
    const body = 'PAYMENT ADVICE\n\nInvoice   PO Number\n7700101   ACM-1001\n7700102   ACM-1002\n7700103   ACM-1003\n7700104   ACM-1004\n';
    const { ref, warnings } = run(body, 'Remittance advice 44120');
    expect({ ref, warnings }).toEqual({ ref: null, warnings: [] });
  });

  it('does not take a greeting for a date', () => {
    const { changes } = run('Morning - could you deliver PO 4500012444 on Thursday instead?');
    expect(changes).toEqual([{ kind: 'delivery_date', sku: null, from: null, to: '2026-12-03' }]);
  });

  it.each([
    ['Spanish, a new warehouse named before the block', 'Hola Maria,\n\nLes pido que el pedido OC 88-4410 se entregue en nuestra nueva bodega:\n\nDistribuidora Norte S.A. de C.V.\nBodega 5, Av. Industrial 220\nParque Logístico Escobedo\n66050 General Escobedo, N.L.\n\nSaludos,\nRamón',
      'Distribuidora Norte S.A. de C.V., Bodega 5, Av. Industrial 220, Parque Logístico Escobedo, 66050 General Escobedo, N.L.'],
    ['one line with the company first', 'Maria,\n\nPlease ship PO 4500013001 to our new yard instead:\nHarbor Steel Works, Yard B, 1200 Pier Rd, Baltimore, MD 21230\n\nThanks, Lee',
      'Harbor Steel Works, Yard B, 1200 Pier Rd, Baltimore, MD 21230'],
    ['a passive "delivered to:"', 'Please have the rest of PO 4500013055 delivered to:\nOrtiz Builders - Site 12\n455 Quarry Ln\nRound Rock, TX 78664\n\nSam',
      'Ortiz Builders - Site 12, 455 Quarry Ln, Round Rock, TX 78664'],
  ])('reads a new ship-to: %s', (_, body, address) => {
    expect(run(body).changes).toEqual([{ kind: 'ship_to', sku: null, from: null, to: address }]);
  });

  it('reads the quantity of a revised PO line marked before its line number', () => {
    const pdf = ['PURCHASE ORDER - REVISION 3\nPO Number: 4500077001\nRev Line Part Number Description Qty UOM Unit Cost Amount\n1 GK-100 Gasket kit 4 EA 12.00 48.00\nR 2 FLT-77-B Filter element 9 EA 30.00 270.00\nTotal: USD 318.00\nR = revised line.'];
    const input = inputOf('Revision 3 attached, please update.', { pdfs: [pdf] });
    expect(extractOffline(input).changes.map((c) => [c.kind, c.sku, c.to])).toEqual([['quantity', 'FLT-77-B', 9]]);
  });

  it('reads "make the <description> (<item>) N" and ignores "more" far from the number', () => {
    const { changes } = run('Two more things on PO 4500012321: please make the shrink film (SF-20-60) 18 rolls.');
    expect(changes).toEqual([{ kind: 'quantity', sku: 'SF-20-60', from: null, to: 18 }]);
  });

  it('counts "three (3)" once', () => {
    expect(run('Can you add three (3) of the 2 HP gear motors, GM-2HP-56C, to PO 4500013200?').changes).toEqual([{ kind: 'add_line', sku: 'GM-2HP-56C', from: null, to: 3 }]);
  });

  it('reads "N is plenty" as the new quantity', () => {
    expect(run('We over-ordered on PO 4500013300. For the ABC-1001 filters, 6 is plenty.').changes).toEqual([{ kind: 'quantity', sku: 'ABC-1001', from: null, to: 6 }]);
  });

  it('reads a one-line split: ship the rest of that line later, everything else now', () => {
    expect(run('On PO 4500013500, ship the rest of that line when it comes in and send everything else now.').changes).toEqual([{ kind: 'split_shipment', sku: null, from: null, to: null }]);
  });

  it('reads "Liefertermin alt / neu" columns, and one date for every line as the whole order', () => {
    const pdf = ['ÄNDERUNGSMITTEILUNG\nBestellung 4700099001\nPos. Material Bezeichnung Liefertermin alt Liefertermin neu\n10 HX-9001 Sechskantschraube 11.12.2026 15.01.2027\n20 HX-9002 Mutter 11.12.2026 15.01.2027'];
    const input = inputOf('Please see the change notice attached.', { pdfs: [pdf] });
    expect(extractOffline(input).changes.map((c) => [c.kind, c.sku, c.from, c.to])).toEqual([['delivery_date', null, '2026-12-11', '2027-01-15']]);
  });

  it('reads Swiss francs with apostrophes, and "nicht" as the old price', () => {
    const { changes } = run("Gemäss unserem Angebot beträgt der Preis für den Antrieb ANT-7.5-400 CHF 2'340.00 und nicht CHF 2'480.00 wie in Ihrer Auftragsbestätigung zu Bestellung 4500013700.");
    expect(changes).toEqual([{ kind: 'price', sku: 'ANT-7.5-400', from: 2480, to: 2340 }]);
  });

  it('takes "the unit price on X" as an item, not the order', () => {
    const { ref, changes } = run('Can you change the unit price on SK-3300 to $45.20? It should have been that per the quote.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Maria Lopez <maria@midland.com> wrote:\n> Hi, quantity on PO 4500013800 updated to 40.\n');
    expect({ ref, changes }).toEqual({ ref: '4500013800', changes: [{ kind: 'price', sku: 'SK-3300', from: null, to: 45.2 }] });
  });

  it('reads one date put in place of another as a date move, without a delivery word', () => {
    const body = 'Sorry to change it again - can we do the 18th instead of the 11th for PO 4500014001?\n\nOn Mon, Nov 23, 2026 at 10:00 AM Jo <jo@x.com> wrote:\n> Please move PO 4500014001 from 12/4 to 12/11.';
    expect(run(body).changes).toEqual([{ kind: 'delivery_date', sku: null, from: '2026-12-11', to: '2026-12-18' }]);
  });

  it('reads "switch the <description> X to the <description> Y" as a substitution', () => {
    const { changes } = run('Please switch the 1/2" ball valves BV-050 to the lead-free version BV-050-LF on PO 4500014002.');
    expect(changes).toEqual([{ kind: 'substitution', sku: 'BV-050', from: null, to: 'BV-050-LF' }]);
  });

  it('does not read "we need it by" beside a status question as a date change', () => {
    expect(run('Can you confirm you received PO 4500014004? We need the material on site by 12/15.').changes).toEqual([]);
    expect(run('We need PO 4500014004 on site by 12/15 now, not 12/22 - please move it.').changes).toHaveLength(1);
  });

  it.each([
    ['the old count in the next sentence', 'Can you go up to 5 cases of the FLT-10 filters on PO 4500015002? We only ordered 3.', 'FLT-10', 3, 5],
    ['German "(bisher 20)"', 'Bitte ändern Sie die Menge für Artikel 88-1002 in Bestellung 4500015004 auf 25 Stück (bisher 20).', '88-1002', 20, 25],
    ['Spanish "necesitamos … en lugar de"', 'Necesitamos 40 piezas del artículo TR-330 en lugar de 25, pedido 4500015006.', 'TR-330', 25, 40],
  ])('reads a quantity change with its old value: %s', (_, body, sku, from, to) => {
    expect(run(body).changes).toEqual([{ kind: 'quantity', sku, from, to }]);
  });

  it('reads a Was | Now table', () => {
    const body = 'Please update PO 4500017001 as follows:\n\nItem | Description | Was | Now\nAB-100-X | Widget | 4 | 6\nAB-200-Y | Gadget | 2 | 2\nAB-300-Z | New part (new line) | — | 3';
    expect(run(body).changes).toEqual([
      { kind: 'quantity', sku: 'AB-100-X', from: 4, to: 6 },
      { kind: 'add_line', sku: 'AB-300-Z', from: null, to: 3 },
    ]);
  });

  it('takes a capitals-only code in brackets as the item, and the count in the sentence before as the old one', () => {
    const body = 'On order 4500017002 we have 12 boxes of the large vinyl gloves (GLV-VNL-LG). We need 20 boxes of that item instead.';
    expect(run(body).changes).toEqual([{ kind: 'quantity', sku: 'GLV-VNL-LG', from: 12, to: 20 }]);
  });

  it('reads a replacement named here for the item named in the sentence before', () => {
    const body = 'On PO 4500017003 the relays we ordered (RL-24-DC) are the wrong coil voltage. Please send the RL-24-AC in place of those, same quantity.';
    expect(run(body).changes).toEqual([{ kind: 'substitution', sku: 'RL-24-DC', from: null, to: 'RL-24-AC' }]);
  });

  it('reads "send PO X there:" with a block, and a city-postal-country line', () => {
    const body = 'Por favor despachen la orden de compra 4500017004 a nuestro almacén:\n\nMinera Andes S.A.C.\nAlmacén Central\nAv. Los Álamos 1200, Arequipa 04001, Perú\n\nGracias';
    expect(run(body).changes).toEqual([{ kind: 'ship_to', sku: null, from: null, to: 'Minera Andes S.A.C., Almacén Central, Av. Los Álamos 1200, Arequipa 04001, Perú' }]);
  });

  it('reads a German agreement price and the confirmed price before it', () => {
    const body = 'Für die Dichtungen (Art.-Nr. DG-50-NBR) in Bestellung 4500017005 haben Sie 2,10 € je Stück bestätigt. Laut Rahmenvereinbarung RV-2026-11 beträgt der Preis 1,95 € je Stück.';
    const { changes } = run(body);
    expect(changes.map((c) => [c.kind, c.sku, c.from, c.to])).toEqual([['price', 'DG-50-NBR', 2.1, 1.95]]);
  });

  it('reads a Was | Now table in a body only when the words before it ask for a change', () => {
    const table = 'Item | Description | Was | Now\nLMP-40-W | Lamp 40 W | $18.00 | $15.50';
    expect(run(`Holiday pricing for our partners, valid through December:\n\n${table}`).changes).toEqual([]);
    expect(run(`Please correct these prices on PO 4500017010:\n\n${table}`).changes).toEqual([{ kind: 'price', sku: 'LMP-40-W', from: 18, to: 15.5 }]);
  });

  it('reads a Current | Change to table whose item codes are capitals only', () => {
    const body = 'Please update the unit prices on PO 4500018001:\n\nItem | Description | Current | Change to\nSCR-BLD-SS | Scraper blade | $12.60 | $10.80\nPAN-LNR-4 | Pan liner | $3.15 | $3.15';
    expect(run(body).changes).toEqual([{ kind: 'price', sku: 'SCR-BLD-SS', from: 12.6, to: 10.8 }]);
  });

  it('reads "half of the 24 …, so 12"', () => {
    expect(run('On PO 4500018002 we only need half of the 24 hose reels (HR-50-RED), so 12.').changes).toEqual([{ kind: 'quantity', sku: 'HR-50-RED', from: 24, to: 12 }]);
  });

  it('reads "swap the <description> (X) for the <description> version, Y"', () => {
    const body = 'On PO 4500018003 please swap the 1/2" stainless clevis pins (CLV-SS-050) for the zinc-plated version, CLV-ZP-050.';
    expect(run(body).changes).toEqual([{ kind: 'substitution', sku: 'CLV-SS-050', from: null, to: 'CLV-ZP-050' }]);
  });

  it.each([
    ['a flatbed instead of an LTL van', 'Please ship PO 4500018004 on a flatbed instead of LTL van.', 'LTL van', 'flatbed'],
    ['German "per Spedition statt per Paketdienst"', 'Außerdem bitten wir für Bestellung 4500018005 um Versand per Spedition statt per Paketdienst.', 'Paketdienst', 'Spedition'],
  ])('reads a shipping method: %s', (_, body, from, to) => {
    expect(run(body).changes).toEqual([{ kind: 'shipping_method', sku: null, from, to }]);
  });

  it('reads no date beside a whole-order cancellation or in a split request', () => {
    expect(run('Please cancel order 4500018006 entirely. We close the site effective Jan 1.').changes).toEqual([{ kind: 'cancel_order', sku: null, from: null, to: null }]);
    expect(run('For PO 4500018007, ship what you have now and backorder the balance, the crew starts Thursday.').changes).toEqual([{ kind: 'split_shipment', sku: null, from: null, to: null }]);
  });
});
