// A channel's running record: state, counts, last success and error, the stall alarm, and the Prometheus metrics.
import { Counter, Gauge } from 'prom-client';
import { registry } from '../../observability/metrics.ts';
import { intakeChannels, type ChannelState, type ChannelStatus } from './channel.ts';

// On the process registry that GET /metrics renders (src/observability/metrics.ts); registered once per process.
const metric = <M>(name: string, make: () => M): M => (registry.getSingleMetric(name) as M | undefined) ?? make();

const messagesTotal = metric('changedesk_intake_messages_total', () =>
  new Counter({ name: 'changedesk_intake_messages_total', help: 'Messages an inbound channel took in, by outcome (accepted, duplicate, rejected)', labelNames: ['channel', 'outcome'], registers: [registry] }));
const errorsTotal = metric('changedesk_intake_errors_total', () =>
  new Counter({ name: 'changedesk_intake_errors_total', help: 'Errors of an inbound channel (connection, store, mark)', labelNames: ['channel'], registers: [registry] }));
const perChannel = (name: string, help: string, value: (s: ChannelStatus) => number) =>
  metric(name, () => new Gauge({
    name, help, labelNames: ['channel'], registers: [registry],
    collect() {
      this.reset();
      for (const s of intakeChannels.statuses()) this.set({ channel: s.name }, value(s));
    },
  }));
perChannel('changedesk_intake_channel_up', '1 when the channel is connected, listening or watching', (s) => (['idle', 'syncing', 'listening', 'watching', 'standby'].includes(s.state) ? 1 : 0));
perChannel('changedesk_intake_channel_stalled', '1 when the channel has not completed a check for longer than its stall limit', (s) => (s.state === 'stalled' ? 1 : 0));
perChannel('changedesk_intake_channel_last_success_seconds', 'Unix time of the last completed check', (s) => (s.lastSuccessAt ? Date.parse(s.lastSuccessAt) / 1000 : 0));

export type Outcome = 'accepted' | 'duplicate' | 'rejected';

export class ChannelTracker {
  private state: ChannelState = 'starting';
  private readonly startedAt: number;
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  private readonly counts = { accepted: 0, duplicates: 0, rejected: 0, errors: 0 };
  readonly detail: Record<string, string | number | null> = {};

  constructor(
    readonly name: string,
    readonly kind: ChannelStatus['kind'],
    /** No completed check for this long (while not in standby) raises the stall alert; null: never. */
    private readonly stallAfterMs: number | null,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  set(state: ChannelState): void {
    this.state = state;
  }

  /** A completed check of the source (sync, scan, delivery): clears the error alert. */
  succeeded(): void {
    this.lastSuccessAt = this.now();
    this.lastError = null;
  }

  failed(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    this.lastError = message;
    this.lastErrorAt = this.now();
    this.counts.errors++;
    errorsTotal.inc({ channel: this.name });
    return message;
  }

  counted(outcome: Outcome): void {
    this.counts[outcome === 'duplicate' ? 'duplicates' : outcome]++;
    messagesTotal.inc({ channel: this.name, outcome });
  }

  status(): ChannelStatus {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const quietFor = this.now() - (this.lastSuccessAt ?? this.startedAt);
    const stalled = this.stallAfterMs !== null && quietFor > this.stallAfterMs && !['standby', 'stopped'].includes(this.state);
    const alert = stalled
      ? `no successful check for ${Math.round(quietFor / 1000)}s (limit ${Math.round(this.stallAfterMs! / 1000)}s)${this.lastError ? `; last error: ${this.lastError}` : ''}`
      : this.lastError && this.state === 'reconnecting' ? `failing: ${this.lastError}` : null;
    return {
      name: this.name, kind: this.kind, state: stalled ? 'stalled' : this.state, alert,
      lastSuccessAt: iso(this.lastSuccessAt), lastError: this.lastError, lastErrorAt: iso(this.lastErrorAt),
      counts: { ...this.counts }, detail: { ...this.detail },
    };
  }
}
