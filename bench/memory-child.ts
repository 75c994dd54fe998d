// Run by bench/run.ts in a fresh process: parses large-PDF emails (files) one after another as the parse stage
// does, and prints the peak resident memory (VmHWM) at start and after each message, so nothing else inflates it
// and a leak would show as growth from one message to the next.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseMime } from '../src/intake/parse-mime.ts';

const hwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

const files = process.argv.slice(2);
const atStartMb = hwmMb();
const afterEachMb: number[] = [];
let pages = 0;
for (const f of files) {
  const parsed = await parseMime(fs.readFileSync(f), randomUUID());
  if ('documents' in parsed) pages += parsed.documents.reduce((s, d) => s + d.pages.length, 0);
  afterEachMb.push(hwmMb());
}
process.stdout.write(`${JSON.stringify({ peakMb: hwmMb(), atStartMb, afterEachMb, messageMb: files.map((f) => fs.statSync(f).size / 2 ** 20), pages })}\n`);
