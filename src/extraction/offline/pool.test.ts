import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { extractOffline, offlineProvider } from './index.ts';
import { pooledOfflineProvider } from './pool.ts';
import { inputOf } from './test-support.ts';

const notice = (rows: number) => [
  ['PO CHANGE NOTICE  PO 4500012345', 'Item        Description           Old Qty    New Qty',
    ...Array.from({ length: rows }, (_, r) => `HX-${2200 + r}     part ${r + 1}     ${10 + r}     ${r === 3 ? 99 : 10 + r}`)].join('\n'),
];

const pooled = pooledOfflineProvider();
afterAll(() => pooled.close());

describe('the offline provider on worker threads', () => {
  it('gives exactly the in-process extraction, under the same provider version', async () => {
    const inputs = [
      inputOf('Please change HX-2210 from 25 to 40 on PO 4500012345 and deliver by Dec 11.'),
      inputOf('See the attached notice.', { pdfs: [notice(40)] }),
      // No Date header: relative dates resolve against the clock, which the pool reads when the message is handed over.
      inputOf('Push PO 4500012399 to next Friday please.', { sentAt: null }),
    ];
    const clock = () => new Date('2026-12-02T09:00:00Z');
    const withClock = pooledOfflineProvider({ now: clock });
    try {
      for (const input of inputs) expect(await withClock.extract(input)).toEqual(extractOffline(input, { now: clock }));
    } finally {
      await withClock.close();
    }
    expect(pooled.info).toEqual(offlineProvider.info);
  });

  it('ends an extraction past its time limit with a permanent error, and goes on serving', async () => {
    const slow = pooledOfflineProvider({ timeoutMs: 1 });
    try {
      const err = await slow.extract(inputOf('See the attached notice.', { pdfs: [notice(4000)] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ kind: 'unprocessable', permanent: true, message: 'offline extraction took longer than 0.001s' });
    } finally {
      await slow.close();
    }
    expect((await pooled.extract(inputOf('Please change HX-2210 from 25 to 40 on PO 4500012345.'))).changes).toHaveLength(1);
  });

  it('serves extractions side by side', async () => {
    const many = Array.from({ length: 8 }, (_, i) => inputOf(`Please change HX-22${10 + i} from 25 to ${40 + i} on PO 4500012345.`));
    const out = await Promise.all(many.map((input) => pooled.extract(input)));
    expect(out.map((x) => x.changes[0]?.to)).toEqual(many.map((_, i) => 40 + i));
  });
});
