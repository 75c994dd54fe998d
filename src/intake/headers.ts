// Just enough RFC 822 header reading to deduplicate at intake, before the full MIME parse runs in a worker.

/** The header block (up to the first empty line), with folded lines unfolded. */
export function headerBlock(raw: Uint8Array): string {
  const head = Buffer.from(raw.subarray(0, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  return (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
}

export function headerValue(block: string, name: string): string | null {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block);
  const v = m?.[1]?.trim();
  return v ? v : null;
}

/** The Message-ID as `<id>`, or null when absent or not of a recognisable form. */
export function messageIdOf(raw: Uint8Array): string | null {
  const v = headerValue(headerBlock(raw), 'message-id');
  const m = v && /<[^<>\s]+>/.exec(v);
  return m ? m[0] : v && /^[^\s<>]+@[^\s<>]+$/.test(v) ? `<${v}>` : null;
}

/** Whether the bytes start like an RFC 822 message: at least one `Name: value` header line. */
export function looksLikeMessage(raw: Uint8Array): boolean {
  const first = headerBlock(raw).split(/\r?\n/)[0] ?? '';
  return /^[!-9;-~]+:/.test(first) && !Buffer.from(raw.subarray(0, 4096)).includes(0);
}
