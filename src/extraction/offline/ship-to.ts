// Ship-to changes: a request to deliver elsewhere ("please change the ship-to to:", "ship HPM1192 to the Solomons yard")
// followed by the new address, as a block of lines below it or written inline.
import type { Sentence } from './annotate.ts';
import { addressBlockAfter, inlineAddress } from './address.ts';
import { clamp, type RuleOutput } from './finding.ts';
import type { Found, Span } from './spans.ts';

const CUE = new RegExp(
  [
    String.raw`\bship[\s-]?to\b`,
    String.raw`\b(?:deliver(?:y)?|shipping)\s+(?:address|location)`,
    String.raw`\bnew\s+(?:ship(?:ping)?\s+|delivery\s+)?(?:address|location)`,
    String.raw`\baddress\s+(?:is|will\s+be|below)`,
    String.raw`\b(?:ship(?:ped)?|send|sent|deliver(?:ed)?|redirect(?:ed)?|re-?route[d]?|route[d]?|bring|drop(?:ped)?)\b[^.\n]{0,80}?\bto\b`,
    // "Please send PO 123 there instead of the plant:", the block below says where.
    String.raw`\b(?:ship|send|deliver|redirect|despach\w*|env[ií]\w*|liefern)\b[^.\n]{0,80}:\s*$`,
    String.raw`\bnew\s+(?:warehouse|yard|site|job\s*site|plant|facility|building|dc|distribution\s+cent(?:er|re)|location|dock)\b[^.\n]{0,40}:\s*$`,
    String.raw`\bdirecci[oó]n\s+de\s+(?:entrega|env[ií]o)|\b(?:env[ií]\w*|entreg\w*|mand\w*|despach\w*|remit\w*)\b[^.\n]{0,60}\b(?:a|en)\b|\bnuev[oa]\s+(?:direcci[oó]n|bodega|almac[eé]n|planta|sucursal|obra)`,
    String.raw`\bliefer(?:adresse|anschrift)|\b(?:liefern|anliefern|zustellen|senden)\b[^.\n]{0,60}\b(?:an|nach)\b|\bneue[rn]?\s+(?:adresse|anschrift|lager|standort|werk)`,
  ].join('|'),
  'i',
);
// A PDF prints the ship-to on every order: only a changed one is a request.
const CHANGED = /\b(?:new|revised|changed?|updated|neue|nueva)\b/i;
const NEGATED = /\b(?:same|usual|as\s+before|unchanged|don'?t\s+change)\s+(?:ship[\s-]?to|address)/i;
// How far below the request its address block may start.
const LOOKAHEAD = 400;

export function shipToChanges(s: Sentence, sentences: readonly Sentence[]): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (s.tier === 'history' || !CUE.test(s.text) || NEGATED.test(s.text)) return out;
  if (s.tier === 'attachment' && !CHANGED.test(s.text)) return out;
  const address = inlineNear(s, sentences) ?? addressBlockAfter(s.page.text, s.end, Math.min(s.page.text.length, s.end + LOOKAHEAD));
  if (!address || !withinRegion(s, sentences, address)) return out;
  const spans: Span[] = [{ start: s.start, end: s.end }, { start: address.start, end: address.end }];
  out.findings.push({
    kind: 'ship_to', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: false, from: null, to: address.value,
    spans: spans.filter((x, i) => i === 0 || x.start >= s.end || x.end <= s.start),
    // Where an address block starts and ends is read from its layout: a reviewer should check every line.
    confidence: clamp(s.tier === 'attachment' ? 0.55 : 0.72),
    warnings: ['a new delivery address: check it against the customer record before approving'],
  });
  return out;
}

/** An address inside the request sentence, or in one of the two sentences after it. */
function inlineNear(s: Sentence, sentences: readonly Sentence[]): Found<string> | null {
  for (const o of [s, sentences[s.index + 1], sentences[s.index + 2]]) {
    if (!o || o.page !== s.page || o.tier !== s.tier) continue;
    const found = inlineAddress(s.page.text, o);
    if (found) return found;
  }
  return null;
}

/** The address must be read in the same part of the message (not in a signature the segmenter cut, not in history). */
function withinRegion(s: Sentence, sentences: readonly Sentence[], address: Span): boolean {
  return sentences.some((o) => o.page === s.page && o.tier === s.tier && o.start <= address.start && o.end >= address.start);
}
