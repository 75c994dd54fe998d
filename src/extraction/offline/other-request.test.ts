import { describe, expect, it } from 'vitest';
import { otherRequests } from './other-request.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string) => sentencesOf(text).flatMap((s) => otherRequests(s).findings.map((f) => f.to));

describe('otherRequests', () => {
  it('quotes a reference to print on the paperwork', () => {
    expect(read('Please put our work order # WO-7781 on the packing slip and invoice.')).toEqual(['work order # WO-7781 on the packing slip and invoice']);
  });
  it('quotes certificates to ship with the goods', () => {
    expect(read('Could you include mill test reports with the shipment?')).toEqual(['mill test reports']);
  });
  it('quotes a new delivery contact with the phone', () => {
    expect(read('Please change the site contact to Dana Okafor (555-201-7788) for this delivery.')).toEqual(['site contact to Dana Okafor (555-201-7788)']);
  });
  it('ignores statements, negations and quoted history', () => {
    expect(read('The certificates came with the last shipment.')).toEqual([]);
    expect(read('Please do not add the job number to the invoice.')).toEqual([]);
    expect(sentencesOf('Please include the certs with the order.', 'history').flatMap((s) => otherRequests(s).findings)).toEqual([]);
  });
});
