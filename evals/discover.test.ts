import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverCases } from './discover.ts';

const expected = { category: 'status_inquiry', orderRef: null, changes: [] };

describe('discoverCases', () => {
  let root: string;
  const put = async (rel: string, content: string) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  };
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eval-discover-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds every folder holding message.eml, at any depth; the id is the relative path', async () => {
    await put('train/b/message.eml', 'x');
    await put('train/b/expected.json', JSON.stringify(expected));
    await put('test/deep/a/message.eml', 'x');
    await put('test/deep/a/expected.json', JSON.stringify({ ...expected, disputed: true, note: 'extra keys are ignored' }));
    await put('README.md', 'not a case');
    const cases = await discoverCases(root);
    expect(cases.map((c) => c.id)).toEqual(['test/deep/a', 'train/b']);
    expect(cases[0]!.expected).toEqual({ ...expected, disputed: true });
    expect(cases[0]!.emlPath).toBe(path.join(root, 'test/deep/a/message.eml'));
  });

  it('names the case and the problem when expected.json is missing or off-contract', async () => {
    await put('a/message.eml', 'x');
    await expect(discoverCases(root)).rejects.toThrow(/case a: .*expected\.json is missing/);
    await put('a/expected.json', JSON.stringify({ ...expected, category: 'qty_change' }));
    await expect(discoverCases(root)).rejects.toThrow(/case a: .*does not follow the eval contract: category/);
  });

  it('refuses a missing folder and a folder without cases', async () => {
    await expect(discoverCases(path.join(root, 'nope'))).rejects.toThrow(/no such folder/);
    await expect(discoverCases(root)).rejects.toThrow(/no cases found/);
  });
});
