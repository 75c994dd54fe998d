// One message through every queue hop: its correlation id in each job payload, log line and audit event, and the
// trace begun at intake continued by a span per stage (an in-memory OpenTelemetry SDK stands in for an exporter).
import { context, propagation, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { acceptMessage } from '../src/intake/accept-message.ts';
import { approveItem } from '../src/review/decisions.ts';
import { sweepUnfinished } from '../src/runtime/sweep.ts';
import { createLogger } from '../src/shared/logger.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const admin = { id: 'obs-admin', name: 'Obs Admin', role: 'admin' as const };

describe('correlation id and trace context through the queues', () => {
  const exporter = new InMemorySpanExporter();
  const lines: Record<string, unknown>[] = [];
  let stack: Stack;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    stack = await startStack({ logger });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  /** Runs fn inside a new active span and returns the span's ids with fn's result. */
  const inSpan = <T>(name: string, fn: () => Promise<T>) =>
    trace.getTracer('test').startActiveSpan(name, async (span: Span) => {
      try {
        return { out: await fn(), ids: span.spanContext() };
      } finally {
        span.end();
      }
    });

  it('carries the message id and the intake trace from parse to post', async () => {
    const { s } = stack;
    const raw = await buildEml({ subject: 'PO 4500012345', text: 'Hi,\n\nplease change HX-3108 from 25 to 40 on PO 4500012345.\n\nDana', messageId: '<obs-1@acme-mfg.com>' });
    const intake = await inSpan('intake', () => acceptMessage(raw, 'api', { type: 'system', id: 'obs-test' }, { ...s, maxMessageBytes: s.config.maxMessageBytes }));
    const messageId = intake.out.messageId;

    const itemId = await eventually(async () => (await s.db.query<{ id: string }>('SELECT id FROM review_items WHERE message_id = $1', [messageId]))[0]?.id, 'review item');
    const approval = await inSpan('approve', () => approveItem(itemId, admin, null, s));
    await eventually(async () => (await s.db.query<{ status: string }>('SELECT status FROM review_items WHERE id = $1', [itemId]))[0]?.status === 'posted', 'posted');

    // Job payloads (zod-checked at enqueue): the correlation id and a W3C traceparent of the span that queued them.
    const parseJob = await s.queues.parse.getJob(`parse-${messageId}`);
    const triageJob = await s.queues.triage.getJob(`triage-${messageId}`);
    const postJob = await s.queues.post.getJob(`post-${itemId}-v1`);
    expect(parseJob?.data).toMatchObject({ messageId, correlationId: messageId, traceparent: `00-${intake.ids.traceId}-${intake.ids.spanId}-01` });
    expect(triageJob?.data).toMatchObject({ messageId, correlationId: messageId, traceparent: expect.stringContaining(intake.ids.traceId) });
    expect(postJob?.data).toMatchObject({ correlationId: messageId, traceparent: `00-${approval.ids.traceId}-${approval.ids.spanId}-01` });

    // A span per stage, each the child of the hop before it.
    const spans = await eventually(async () => {
      const done = exporter.getFinishedSpans();
      const by = (name: string) => done.find((x) => x.name === name && x.attributes['changedesk.correlation_id'] === messageId);
      const [parse, triage, post] = [by('parse stage'), by('triage stage'), by('post stage')];
      return parse && triage && post ? { parse, triage, post } : null;
    }, 'stage spans');
    expect(spans.parse.spanContext().traceId).toBe(intake.ids.traceId);
    expect(spans.parse.parentSpanContext?.spanId).toBe(intake.ids.spanId);
    expect(spans.triage.spanContext().traceId).toBe(intake.ids.traceId);
    expect(spans.triage.parentSpanContext?.spanId).toBe(spans.parse.spanContext().spanId);
    expect(spans.post.spanContext().traceId).toBe(approval.ids.traceId);
    expect(spans.post.parentSpanContext?.spanId).toBe(approval.ids.spanId);

    // Log lines of every hop carry the correlation id and the ids of their stage's span.
    const completed = lines.filter((l) => l.msg === 'job completed' && l.correlationId === messageId);
    expect(completed.map((l) => l.queue).sort()).toEqual(['parse', 'post', 'triage']);
    for (const l of completed) expect(l.traceId).toBe(spans[l.queue as 'parse' | 'triage' | 'post'].spanContext().traceId);

    // Every audit event of the message's journey carries it, and the chain (which covers it) verifies.
    const events = await s.db.query<{ action: string; correlation_id: string | null }>(
      'SELECT action, correlation_id FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY seq', [messageId, itemId]);
    expect(events.map((e) => e.action)).toEqual(['message.received', 'message.parsed', 'review_item.created', 'review_item.approval_given', 'review_item.approved', 'review_item.posted']);
    expect(events.every((e) => e.correlation_id === messageId)).toBe(true);
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: true });
  });

  it('gives a post job the sweep re-queues (Redis lost it) its message as correlation id', async () => {
    const { s } = stack;
    const raw = await buildEml({ subject: 'PO 4500012345', text: 'Hi,\n\nplease change HX-3108 from 25 to 30 on PO 4500012345.\n\nDana', messageId: '<obs-2@acme-mfg.com>' });
    const { messageId } = await acceptMessage(raw, 'api', { type: 'system', id: 'obs-test' }, { ...s, maxMessageBytes: s.config.maxMessageBytes });
    const itemId = await eventually(async () => (await s.db.query<{ id: string }>('SELECT id FROM review_items WHERE message_id = $1', [messageId]))[0]?.id, 'review item');
    // Approved, but the post job never reached Redis: only the outbox row says it is due.
    await approveItem(itemId, admin, null, { ...s, enqueuePost: async () => {} });
    expect(await s.queues.post.getJob(`post-${itemId}-v1`)).toBeUndefined();
    expect((await sweepUnfinished(s.db, s.queues, { olderThanMs: 0 })).post).toBeGreaterThanOrEqual(1);
    expect((await s.queues.post.getJob(`post-${itemId}-v1`))?.data).toMatchObject({ idempotencyKey: `${itemId}-v1`, correlationId: messageId });
  });

  it('refuses an edited correlation id as a broken audit chain', async () => {
    // The append-only trigger refuses UPDATE, so tamper as an attacker with table rights would: bypass the trigger.
    const { s } = stack;
    await s.db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change;
      UPDATE audit_events SET correlation_id = 'someone-else' WHERE seq = (SELECT min(seq) FROM audit_events WHERE correlation_id IS NOT NULL);
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change;`);
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: false, reason: expect.stringMatching(/edited/) });
  });
});
