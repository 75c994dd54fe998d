// Splits an email body into the newest message, forwarded content and quoted history, as spans of the original text.
//
// Spans (not a cleaned copy) keep evidence offsets valid against the body text as stored. Forwarded content is
// returned on its own rather than folded into `newest` or dropped: when someone forwards a customer's request to
// the order desk, the forwarded message IS the request (often with no text of its own above it), so the provider
// reads it, and lets the forwarder's own words win where the two disagree. Signatures and legal footers belong
// to no part: their phone numbers and registration numbers are not data.
import { trimSpan, type Span } from './spans.ts';

export interface Segments {
  /** What the sender wrote in this message, without signature or footer. */
  newest: Span[];
  /** The body of a forwarded message (its own quoted history excluded), when this message forwards one. */
  forwarded: Span[];
  /** Quoted earlier messages: context (order refs, item codes), never a request. */
  history: Span[];
}

export interface SegmentOptions {
  /** The subject says Fwd/FW: a bare Outlook header block then starts a forward rather than a reply. */
  forwarded?: boolean;
}

interface Line {
  /** Position in the body's line list: runs of consecutive lines become one span. */
  n: number;
  /** A quote mark was cut from its start: it cannot merge with the line above without taking the mark along. */
  unquoted?: boolean;
  start: number;
  end: number;
  text: string;
}

/** Where history starts, and where a forwarded message's header block (if any) may start. */
type Boundary = { kind: 'reply' | 'forward'; at: number; headersAt: number };

const QUOTED = /^[ \t]*>/;
const FORWARD_MARKER =
  /^[ \t]*(?:-{2,}[ \t]*(?:Forwarded message|Weitergeleitete Nachricht|Mensaje reenviado|Message transféré)[ \t]*-{2,}|Begin forwarded message:?|-{2,}[ \t]*Forwarded by\b)/i;
const ORIGINAL_MESSAGE = /^[ \t]*-{2,}[ \t]*(?:Original Message|Ursprüngliche Nachricht|Mensaje original|Message d'origine)[ \t]*-{2,}/i;
const ATTRIBUTION_START = /^[ \t]*(?:On|Am|El|Le|Op|Il)\s/;
const ATTRIBUTION_END = /\b(?:wrote|schrieb|escribió|a écrit|schreef|ha scritto)\s*:\s*$/i;
const HEADER_FROM = /^[ \t]*\*?(?:From|Von|De|Van|Da)\*?[ \t]*:[ \t]*\*?[ \t]*\S*[A-Za-z@]/i;
const HEADER_OTHER =
  /^[ \t]*\*?(?:Sent|Date|Subject|Gesendet|Datum|Betreff|Enviado|Fecha|Asunto|Envoyé|Objet|Verzonden|Onderwerp)\*?[ \t]*:/i;
const UNDERSCORE_RULE = /^[ \t]*_{8,}[ \t]*$/;

const SIGNATURE_DELIMITER = /^-- ?$/;
const SENT_FROM_DEVICE = /^[ \t]*(?:Sent from my\b|Sent from (?:Outlook|Mail)\b|Get Outlook for\b|Von meinem .* gesendet|Enviado desde mi\b)/i;
const LEGAL_FOOTER = new RegExp(
  '^[ \\t]*(?:\\**(?:CONFIDENTIALITY|DISCLAIMER|PRIVILEGED (?:AND|&) CONFIDENTIAL|LEGAL NOTICE|IMPORTANT NOTICE)' +
    '|This (?:e-?mail|message|communication)(?: and any (?:attachments?|files)[^.]{0,40})? (?:is|are|may contain|contains|is intended|and its attachments)' +
    '|The information (?:contained )?in this (?:e-?mail|message|communication)' +
    '|If you (?:are not the intended|have received this)' +
    '|Please consider the environment|This email has been scanned' +
    '|Diese E-Mail (?:enthält|kann) vertrauliche|Este (?:mensaje|correo)[^.]{0,40} (?:es confidencial|contiene|va dirigido)' +
    '|[A-Z][A-Z ]{3,}NOTICE\\b|Sitz der Gesellschaft|Registergericht|Gesch[äa]ftsf[üu]hr(?:er|ung)\\s*:|Registered (?:office|in England)' +
    '|[^.]{0,80}\\bis a (?:subsidiary|division|member) of\\b|Under [A-Z][a-z]+ (?:law|state law)|Our standard (?:purchasing )?terms)',
  'i',
);
const SIGN_OFF =
  /^[ \t]*(?:thanks?(?: you)?(?: (?:so much|again|in advance))?|many thanks|thx|regards|best(?: regards| wishes)?|kind regards|warm regards|sincerely|cheers|br|mit freundlichen grü(?:ß|ss)en|mfg|viele grü(?:ß|ss)e|gru(?:ß|ss)|saludos(?: cordiales)?|atentamente|un saludo|cordialement)[ \t]*[,.!]?[ \t]*$/i;

const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv)\s*:\s*)*(?:fwd?|fw|wg|rv|tr|enc)\s*:/i;

/** Whether a subject line marks the message as a forward (Fwd:, FW:, WG:, RV:, TR:). */
export const isForwardSubject = (subject: string | null): boolean => subject != null && FORWARD_SUBJECT.test(subject);

export function segmentBody(text: string, options: SegmentOptions = {}): Segments {
  return segmentLines(text, linesOf(text), options.forwarded ?? false, 0);
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    const body = m[0].replace(/[\r\n]+$/, '');
    lines.push({ n: lines.length, start: m.index, end: m.index + body.length, text: body });
    if (m[0] === '') break;
  }
  return lines;
}

function segmentLines(text: string, lines: Line[], forwardHint: boolean, depth: number): Segments {
  const boundary = findBoundary(lines, forwardHint);
  const before = boundary ? lines.slice(0, boundary.at) : lines;
  const own = before.filter((l) => !QUOTED.test(l.text));
  const quoted = before.filter((l) => QUOTED.test(l.text));
  const kept = own.slice(0, trailerStart(own));
  const out: Segments = { newest: runs(text, kept), forwarded: [], history: runs(text, quoted) };
  if (!boundary) return out;
  if (boundary.kind === 'reply' || depth > 3) {
    out.history.push(...runs(text, lines.slice(boundary.at)));
    return out;
  }
  const rest = unquoteIfAllQuoted(lines.slice(boundary.headersAt));
  const inner = segmentLines(text, rest.slice(afterHeaders(rest, 0)), false, depth + 1);
  out.forwarded.push(...inner.newest, ...inner.forwarded);
  out.history.push(...inner.history);
  return out;
}

function findBoundary(lines: Line[], forwardHint: boolean): Boundary | null {
  const ambiguous = forwardHint ? 'forward' : 'reply';
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (QUOTED.test(t)) continue;
    if (FORWARD_MARKER.test(t)) return { kind: 'forward', at: i, headersAt: i + 1 };
    if (ORIGINAL_MESSAGE.test(t)) return { kind: ambiguous, at: i, headersAt: i + 1 };
    if (isAttribution(lines, i)) return { kind: 'reply', at: i, headersAt: i + 1 };
    if (UNDERSCORE_RULE.test(t) && isHeaderBlock(lines, nextNonBlank(lines, i + 1))) {
      return { kind: ambiguous, at: i, headersAt: i + 1 };
    }
    if (isHeaderBlock(lines, i)) return { kind: ambiguous, at: i, headersAt: i };
  }
  return null;
}

/** Gmail-style "On <date>, <name> wrote:", possibly wrapped over three lines, or "<name> wrote:" above quotes. */
function isAttribution(lines: Line[], i: number): boolean {
  const t = lines[i]!.text;
  if (ATTRIBUTION_START.test(t)) {
    let joined = '';
    for (let j = i; j < Math.min(i + 3, lines.length); j++) {
      joined += ' ' + lines[j]!.text;
      if (joined.length > 400) return false;
      if (ATTRIBUTION_END.test(lines[j]!.text)) return true;
    }
    return false;
  }
  if (t.length >= 200 || !ATTRIBUTION_END.test(t)) return false;
  const next = lines[nextNonBlank(lines, i + 1)];
  return next != null && QUOTED.test(next.text);
}

function isHeaderBlock(lines: Line[], i: number): boolean {
  if (!lines[i] || !HEADER_FROM.test(lines[i]!.text)) return false;
  for (let j = i + 1; j < Math.min(i + 7, lines.length); j++) if (HEADER_OTHER.test(lines[j]!.text)) return true;
  return false;
}

/** Index of the first content line after a header block that starts at or after `from` (skipping blank lines). */
function afterHeaders(lines: Line[], from: number): number {
  let i = nextNonBlank(lines, from);
  if (!isHeaderBlock(lines, i)) return i;
  while (i < lines.length && lines[i]!.text.trim() !== '') i++;
  return i;
}

function nextNonBlank(lines: Line[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.text.trim() === '') i++;
  return i;
}

/**
 * Where the signature or footer of a message starts (lines.length when it has none). Legal text before the
 * sender's first words is a gateway banner ("This message is from an external sender"), not the end of the
 * message, so it only cuts after some content.
 */
function trailerStart(lines: Line[]): number {
  let seenContent = false;
  let seenSentence = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (SIGNATURE_DELIMITER.test(t) || SENT_FROM_DEVICE.test(t)) return i;
    if (LEGAL_FOOTER.test(t)) {
      if (seenContent) return i;
      continue;
    }
    // "Hi,\nThanks!\nHX-2210: 40" opens with thanks; a sign-off closes something the sender already said.
    if (SIGN_OFF.test(t) && seenSentence && looksLikeSignature(lines, i + 1)) return i;
    if (t.trim() !== '') seenContent = true;
    if (t.trim().split(/\s+/).length >= 3) seenSentence = true;
  }
  return lines.length;
}

// A company name ends in a period without ending a sentence ("Van der Berg Machinebouw B.V.", "Acme Inc.").
const COMPANY_END = /\b(?:inc|corp|co|ltd|llc|l\.l\.c|b\.v|n\.v|gmbh|ag|s\.a|s\.l|s\.p\.a|plc|pty|c\.v|r\.l|jr|sr)\.$/i;

/** A sign-off is only a cut when what follows is short and has no sentences (a name, a title, a phone), or a footer. */
function looksLikeSignature(lines: Line[], from: number): boolean {
  let filled = 0;
  for (let i = from; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (t === '') continue;
    if (LEGAL_FOOTER.test(t)) return true;
    if (++filled > 12 || (/[.!?]$/.test(t) && !COMPANY_END.test(t) && t.split(/\s+/).length >= 4)) return false;
  }
  return true;
}

/** Some clients quote a forwarded message with "> "; read it without the quote marks. */
function unquoteIfAllQuoted(lines: Line[]): Line[] {
  const filled = lines.filter((l) => l.text.trim() !== '');
  if (filled.length === 0 || !filled.every((l) => QUOTED.test(l.text))) return lines;
  return lines.map((l) => {
    const prefix = /^[ \t]*> ?/.exec(l.text)?.[0].length ?? 0;
    return { ...l, unquoted: prefix > 0, start: l.start + prefix, text: l.text.slice(prefix) };
  });
}

/** Consecutive lines become one span; blank edges are trimmed away. */
function runs(text: string, picked: Line[]): Span[] {
  const spans: Span[] = [];
  let current: Span | null = null;
  let last = -2;
  for (const line of picked) {
    if (current && line.n === last + 1 && !line.unquoted) current.end = line.end;
    else {
      if (current) spans.push(current);
      current = { start: line.start, end: line.end };
    }
    last = line.n;
  }
  if (current) spans.push(current);
  return spans.map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
}
