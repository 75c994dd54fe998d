// The eval CLI end to end (issue #3): a fixture folder in the contract's format → the table, the four files, exit codes.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../evals/cli.ts';
import { caseRecordSchema } from '../evals/schema.ts';
import { buildEml } from './support/mail.ts';

const root = path.resolve(import.meta.dirname, '..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules/.bin/tsx'), ['evals/cli.ts', ...args], { cwd: root }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('npm run eval', () => {
  let dir: string;
  let set: string;
  const put = async (id: string, eml: Buffer, expected: object) => {
    await mkdir(path.join(set, id), { recursive: true });
    await writeFile(path.join(set, id, 'message.eml'), eml);
    await writeFile(path.join(set, id, 'expected.json'), JSON.stringify(expected));
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-cli-'));
    set = path.join(dir, 'set');
    await put('orders/qty-terse', await buildEml({ subject: 'PO 4500012345', text: 'Hi,\n\nPlease change HX-2210 from 25 to 40.\n\nThanks,\nDave' }),
      { category: 'quantity_change', orderRef: '4500012345', changes: [{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 40 }], disputed: false });
    await put('orders/status', await buildEml({ subject: 'Status of PO 4500012471', text: 'Hi,\n\nwhere is PO 4500012471? Can you send the tracking number?\n\nKim' }),
      { category: 'status_inquiry', orderRef: '4500012471', changes: [], disputed: false });
    await put('price', await buildEml({ subject: 'Price on PO HPM1187', text: 'Hello,\n\nthe price for AB12345 on PO HPM1187 should be $41.50, not $46.20 as acknowledged.\n\nGary' }),
      { category: 'price_change', orderRef: 'HPM1187', changes: [{ kind: 'price', sku: 'AB12345', from: 46.2, to: 41.5 }], disputed: true });
    await put('broken', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42]), { category: 'other', orderRef: null, changes: [] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the table and writes summary.json, cases.jsonl, junit.xml and report.html', async () => {
    const out = path.join(dir, 'out/eval');
    const r = await cli(['--fixtures', set, '--provider', 'offline', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/changes\.f1\s+\d\.\d{3}/);
    expect(r.stdout).toContain('4 cases');
    expect(r.stderr).toContain('eval offline [');

    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ cases: 4, provider: 'offline', promptVersion: null, model: null, outcomes: { quarantined: 1, errors: 0 } });
    for (const key of ['category.accuracy', 'category.macroF1', 'category.confusion', 'orderRef.accuracy', 'changes.precision', 'changes.recall',
      'changes.f1', 'changes.valueAccuracy', 'changes.byKind', 'fields', 'confidence.auroc', 'risk.rocAuc', 'risk.prAuc', 'risk.brier', 'risk.ece',
      'latencyMs.p50', 'latencyMs.p95', 'tokens', 'costUsd']) {
      expect(key.split('.').reduce((o, k) => o?.[k], summary), key).not.toBeUndefined();
    }
    for (const key of ['category.accuracy', 'category.macroF1', 'orderRef.accuracy', 'changes.precision', 'changes.recall', 'changes.f1', 'changes.valueAccuracy']) {
      const v = key.split('.').reduce((o, k) => o[k], summary);
      expect(v, key).toBeGreaterThanOrEqual(0);
      expect(v, key).toBeLessThanOrEqual(1);
    }
    expect(summary.risk).toMatchObject({ n: 3, positives: 1 });

    const lines = (await readFile(path.join(out, 'cases.jsonl'), 'utf8')).trim().split('\n').map((l) => caseRecordSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => l.id)).toEqual(['broken', 'orders/qty-terse', 'orders/status', 'price']);
    expect(lines[0]).toMatchObject({ status: 'quarantined', predicted: null, pass: false });
    expect(lines[1]!.verdicts.changes[0]).toMatchObject({ kind: 'quantity', expected: 0 });

    expect(await readFile(path.join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuite name="eval\.offline" tests="4"/);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('orders/qty-terse');
  }, 60_000);

  it('compares with a baseline over several trials, and exits 1 when the gate fails', async () => {
    const base = path.join(dir, 'out/base');
    expect((await cli(['--fixtures', set, '--out', base, '--quiet'])).code).toBe(0);
    const gate = path.join(dir, 'gate.json');
    await writeFile(gate, JSON.stringify({ comment: 'impossible', metrics: { 'category.accuracy': { min: 1.01 }, 'changes.f1': { maxDrop: 0 } } }));
    const out = path.join(dir, 'out/again');
    const r = await cli(['--fixtures', set, '--out', out, '--repeat', '2', '--baseline', base, '--gate', gate, '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('gate');
    expect(r.stdout).toMatch(/FAIL category\.accuracy = [\d.]+ < min 1\.01/);
    expect(r.stdout).toContain(`vs ${base}: 0 fixed, 0 broken`);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ cases: 4, runs: 8, trials: { k: 2 }, gate: { passed: false } });
    expect(summary.trials.metrics['changes.f1'].std).toBe(0); // the offline provider is deterministic
    expect(summary.comparison.deltas.find((d: { metric: string }) => d.metric === 'changes.f1').delta).toBe(0);
    expect((await readFile(path.join(out, 'cases.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(8);
  }, 60_000);

  it('exits 2 with a clear message on a bad invocation (in-process: main() returns the exit code)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fixtures', set, '--bogus'], /Unknown option '--bogus'/],
      [['--fixtures', path.join(dir, 'nope')], /no such folder/],
      [['--provider', 'offline'], /--fixtures <dir> is required/],
      [['--fixtures', set, '--provider', 'openai'], /--provider openai: CHANGEDESK_LLM_MODEL: required/],
      [['--fixtures', set, '--repeat', '0'], /--repeat must be a whole number/],
      [['--fixtures', set, '--gate', path.join(dir, 'none.json')], /--gate .*no such file/],
    ];
    for (const [args, message] of cases) {
      let stderr = '';
      const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
      expect(await main([...args, '--out', path.join(dir, 'out/bad'), '--quiet'], io), args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});
