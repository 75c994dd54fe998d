import { describe, expect, it } from 'vitest';
import { featuresOf } from './features.ts';

const cues = (text: string) => [...new Set(featuresOf(text).filter((f) => f.startsWith('__')).map((f) => f.replace(/\d+$/, '')))];

describe('featuresOf cue groups', () => {
  it('reads paperwork requests as vendor admin, and "reach out" as nothing of the kind', () => {
    expect(cues('Please send your W-9 and the REACH compliance declaration')).toContain('__vendor_admin');
    expect(cues('Feel free to reach out if the delivery date is a problem')).not.toContain('__vendor_admin');
  });
  it('reads a request for a quotation', () => {
    expect(cues('Could you quote 40 pcs of HX-2210?')).toContain('__quote');
  });
});
