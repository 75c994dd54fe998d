// What the text classifier reads of a message: the subject and the sender's own words (newest and forwarded parts).
import { isForwardSubject, segmentBody } from '../../extraction/offline/segment.ts';

export interface MessageText {
  subject: string | null;
  /** The body text as parsed (quoted history and signature are cut here, as the extractor cuts them). */
  body: string;
}

export function classifierText({ subject, body }: MessageText): string {
  const parts = segmentBody(body, { forwarded: isForwardSubject(subject) });
  const own = [...parts.newest, ...parts.forwarded].map((s) => body.slice(s.start, s.end)).join('\n');
  return [subject ?? '', own.trim() || body.slice(0, 2000)].join('\n');
}
