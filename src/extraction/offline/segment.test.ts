import { describe, expect, it } from 'vitest';
import { isForwardSubject, segmentBody } from './segment.ts';
import type { Span } from './spans.ts';

const read = (text: string, spans: Span[]) => spans.map((s) => text.slice(s.start, s.end)).join('\n');

describe('segmentBody', () => {
  it('keeps a body without history whole', () => {
    const text = 'Hi,\nplease change HX-2210 to 40 pcs.\n';
    const s = segmentBody(text);
    expect(read(text, s.newest)).toBe('Hi,\nplease change HX-2210 to 40 pcs.');
    expect(s.history).toEqual([]);
  });

  it('cuts at a Gmail attribution, also when it wraps', () => {
    const text = [
      'Make it 40 not 25.',
      '',
      'On Fri, Nov 27, 2026 at 9:14 AM Jane Buyer <',
      'jane@acme.example> wrote:',
      '> Please ship 25 of HX-2210 on PO 4500012345.',
    ].join('\n');
    const s = segmentBody(text);
    expect(read(text, s.newest)).toBe('Make it 40 not 25.');
    expect(read(text, s.history)).toContain('Please ship 25 of HX-2210');
  });

  it('cuts at an Outlook original-message marker and at a From/Sent header block', () => {
    const a = 'Reduce AB123 to 10 units.\n\n-----Original Message-----\nFrom: Sales\nSent: Monday\nqty 99';
    expect(read(a, segmentBody(a).newest)).toBe('Reduce AB123 to 10 units.');
    const b = 'Reduce AB123 to 10.\n________________________________\nFrom: Sales Desk <s@x.example>\nSent: Monday, November 23, 2026 8:00 AM\nTo: Buyer\nSubject: RE: PO 88123\n\nold text 77';
    const s = segmentBody(b);
    expect(read(b, s.newest)).toBe('Reduce AB123 to 10.');
    expect(read(b, s.history)).toContain('old text 77');
    const c = 'Noted.\n\n*From:* Jane <j@x.example>\n*Sent:* Monday\n*To:* desk\n\nearlier';
    expect(read(c, segmentBody(c).newest)).toBe('Noted.');
  });

  it('does not take a "From: 25 / To: 40" request for a header block', () => {
    const text = 'HX-2210 quantity\nFrom: 25\nTo: 40\nSubject: as discussed';
    expect(read(text, segmentBody(text).newest)).toBe(text);
  });

  it('excludes "> " quoted lines, also between the sender\'s own lines', () => {
    const text = 'See inline.\n> Can you take 25 of HX-2210?\nNo, make it 40.\n> And the date?\nDec 4 is fine.';
    const s = segmentBody(text);
    expect(read(text, s.newest)).toBe('See inline.\nNo, make it 40.\nDec 4 is fine.');
    expect(read(text, s.history)).toBe('> Can you take 25 of HX-2210?\n> And the date?');
  });

  it('drops the signature after "-- ", a device line and a legal footer', () => {
    const text = 'Change AB123 to 12.\n-- \nJohn Smith\nTel 555-123-4567';
    expect(read(text, segmentBody(text).newest)).toBe('Change AB123 to 12.');
    const phone = 'Change AB123 to 12.\n\nSent from my iPhone';
    expect(read(phone, segmentBody(phone).newest)).toBe('Change AB123 to 12.');
    const legal = 'Change AB123 to 12.\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential. Fines up to $5,000 apply.';
    expect(read(legal, segmentBody(legal).newest)).toBe('Change AB123 to 12.');
    const legal2 = 'Change AB123 to 12.\n\nThis message may contain confidential information. Call 800-555-0199.';
    expect(read(legal2, segmentBody(legal2).newest)).toBe('Change AB123 to 12.');
  });

  it('does not take a gateway banner at the top, or a sentence starting "Important:", for a footer', () => {
    const banner = 'This message is from an external sender. Be careful with links.\n\nPlease change AB123 to 12.';
    expect(read(banner, segmentBody(banner).newest)).toBe(banner);
    const important = 'IMPORTANT: please change AB123 to 12 before Friday.';
    expect(read(important, segmentBody(important).newest)).toBe(important);
  });

  it('cuts at a sign-off only when a short signature follows', () => {
    const signed = 'Change AB123 to 12.\n\nBest regards,\nJohn Smith\nPurchasing | ACME\n+1 (555) 123-4567';
    expect(read(signed, segmentBody(signed).newest)).toBe('Change AB123 to 12.');
    const early = 'Hi Anna,\nThanks!\nPlease change HX-2210 to 40 pieces for us.\nAnd AB123 to 10 as well please.';
    expect(read(early, segmentBody(early).newest)).toBe(early);
    const list = 'Hi,\nThanks!\nHX-2210: 40\nAB123: 12';
    expect(read(list, segmentBody(list).newest)).toBe(list);
  });

  it('returns forwarded content separately, and keeps it when the forward adds no text', () => {
    const text = [
      '---------- Forwarded message ---------',
      'From: Jane Buyer <jane@acme.example>',
      'Date: Fri, Nov 27, 2026 at 9:14 AM',
      'Subject: PO 4500012345',
      'To: <sales@dist.example>',
      '',
      'Please change HX-2210 from 25 to 40.',
      '',
      'Thanks,',
      'Jane',
    ].join('\n');
    const s = segmentBody(text);
    expect(s.newest).toEqual([]);
    expect(read(text, s.forwarded)).toBe('Please change HX-2210 from 25 to 40.');
  });

  it('reads an Apple Mail forward below the forwarder\'s note, cutting the forwarded message\'s own history', () => {
    const text = [
      'FYI, please action.',
      '',
      'Begin forwarded message:',
      '',
      'From: Jane <jane@acme.example>',
      'Subject: change',
      'Date: November 27, 2026',
      'To: sales@dist.example',
      '',
      'Push delivery to the 12th.',
      '',
      'On Thu, Nov 26, 2026, Sales <s@x.example> wrote:',
      '> Your order ships Dec 1.',
    ].join('\n');
    const s = segmentBody(text);
    expect(read(text, s.newest)).toBe('FYI, please action.');
    expect(read(text, s.forwarded)).toBe('Push delivery to the 12th.');
    expect(read(text, s.history)).toContain('Your order ships Dec 1.');
  });

  it('treats an Outlook header block as a forward when the subject says FW', () => {
    const text = 'Please process.\n\nFrom: Jane <j@x.example>\nSent: Friday\nTo: desk\nSubject: PO 88123\n\nCancel line AB123.';
    expect(read(text, segmentBody(text).forwarded)).toBe('');
    const fw = segmentBody(text, { forwarded: true });
    expect(read(text, fw.forwarded)).toBe('Cancel line AB123.');
  });

  it('reads a ">"-quoted forward without its quote marks, line by line', () => {
    const text = 'Begin forwarded message:\n\n> From: Jane <j@x.example>\n> Date: today\n>\n> Make it 40\n> not 25.';
    const s = segmentBody(text);
    expect(s.forwarded.map((sp) => text.slice(sp.start, sp.end))).toEqual(['Make it 40', 'not 25.']);
  });

  it('gives offsets into the original text, CRLF included', () => {
    const text = 'Hello\r\nChange AB123 to 12.\r\n\r\nOn Mon, Nov 23, 2026 Bob wrote:\r\n> x';
    const [span] = segmentBody(text).newest;
    expect(text.slice(span!.start, span!.end)).toBe('Hello\r\nChange AB123 to 12.');
  });
});

describe('signatures and footers', () => {
  it('cuts a sign-off followed by a company name ending in "B.V." or "Inc." and a notice in capitals', () => {
    const text = 'Please move delivery to 04.12.2026.\n\nKind regards,\nPieter Janssen\nVan der Berg Machinebouw B.V.\nIndustrieweg 14, 5683 CG Best\n\nPUBLIC RECORDS NOTICE: e-mail sent to this address may be a public record subject to disclosure.';
    const s = segmentBody(text);
    expect(s.newest.map((sp) => text.slice(sp.start, sp.end))).toEqual(['Please move delivery to 04.12.2026.']);
  });

  it('cuts a German register footer', () => {
    const text = 'Bitte stornieren Sie die Position 30.\n\nSitz der Gesellschaft: Stuttgart · Registergericht HRB 738214';
    expect(segmentBody(text).newest.map((sp) => text.slice(sp.start, sp.end))).toEqual(['Bitte stornieren Sie die Position 30.']);
  });
});

describe('isForwardSubject', () => {
  it('recognises Fwd/FW/WG/RV prefixes', () => {
    expect(['Fwd: PO 1', 'FW: x', 'RE: FW: x', 'WG: Bestellung', 'RV: pedido'].map(isForwardSubject)).toEqual([true, true, true, true, true]);
    expect(['RE: PO 1', 'Forward planning', null].map(isForwardSubject)).toEqual([false, false, false]);
  });
});
