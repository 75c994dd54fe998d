// OpenTelemetry trace context through the queues: a W3C traceparent in each job's payload, a span per stage that
// continues it. Only @opentelemetry/api: without an SDK registered (NodeSDK sets the W3C propagator) it is a no-op.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { z } from 'zod';

/** The W3C Trace Context headers, as job payload fields; absent when nothing was being traced. */
export const traceContextSchema = z.object({ traceparent: z.string().optional(), tracestate: z.string().optional() });
export type TraceContext = z.infer<typeof traceContextSchema>;

const tracer = trace.getTracer('changedesk');

/** The active trace as W3C headers, for the payload of the job queued next. */
export function currentTraceContext(): TraceContext {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}), ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
}

/** Runs a stage in its own span, a child of the trace its job carries (a new trace when it carries none). */
export function inStageSpan<T>(stage: string, carried: TraceContext, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, { ...carried });
  return tracer.startActiveSpan(`${stage} stage`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await fn();
    } catch (e) {
      span.recordException(e instanceof Error ? e : String(e));
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** The ids of the active span for log lines; empty when nothing is traced. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && trace.isSpanContextValid(sc) ? { traceId: sc.traceId, spanId: sc.spanId } : {};
}
