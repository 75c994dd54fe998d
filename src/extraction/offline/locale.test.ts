import { describe, expect, it } from 'vitest';
import { languageOf, localeOf } from './locale.ts';

describe('localeOf', () => {
  it('tells German and Spanish from English by their function words', () => {
    expect(languageOf('bitte erhöhen Sie in unserer Bestellung die Menge der Position 20 von 8 auf 12 Stück')).toBe('de');
    expect(languageOf('Favor de cambiar la cantidad del artículo en nuestra orden de compra, de 30 a 50 piezas')).toBe('es');
    expect(languageOf('Please change the quantity of HX-2210 from 25 to 40 on PO 4500012345')).toBe('en');
  });

  it('reads dates day first for German or Spanish senders, or when a date only reads day first', () => {
    expect(localeOf('Bitte liefern Sie die Ware am 04/12/2026 an unser Lager.').dayFirst).toBe(true);
    expect(localeOf('Please move delivery from 27.11.2026 to 04.12.2026.').dayFirst).toBe(true);
    expect(localeOf('Please move delivery from 25/11/2026 to 04/12/2026.').dayFirst).toBe(true);
    expect(localeOf('Please move delivery from 11/25/2026 to 12/04/2026.').dayFirst).toBe(false);
  });
});
