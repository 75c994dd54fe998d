// What every inbound channel (IMAP mailbox, SMTP listener, watched folder) reports, and the process-wide list of them.
import { z } from 'zod';
import type { Actor } from '../../audit/schema.ts';
import type { InboundMessage, IntakeResult } from '../schema.ts';

export const channelStateSchema = z.enum([
  'starting',
  'connecting',
  'idle', // connected and waiting for mail (IMAP IDLE, or between polls)
  'syncing',
  'listening', // SMTP
  'watching', // folder
  'reconnecting', // after an error, waiting out the backoff
  'standby', // another changedesk process holds this mailbox's lease
  'stalled', // no successful check for longer than the stall limit: an alert
  'stopped',
]);
export type ChannelState = z.infer<typeof channelStateSchema>;

export const channelStatusSchema = z.object({
  name: z.string().describe('`imap:<mailbox id>`, `smtp` or `folder`'),
  kind: z.enum(['imap', 'smtp', 'folder']),
  state: channelStateSchema,
  /** Set while the channel is in an alert state (stalled, or failing): what an operator should look at. */
  alert: z.string().nullable(),
  lastSuccessAt: z.string().nullable().describe('the last completed check of the source (a mailbox sync, a folder scan, a delivery)'),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  counts: z.object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.number().int(), errors: z.number().int() }),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type ChannelStatus = z.infer<typeof channelStatusSchema>;

export interface IntakeChannel {
  readonly name: string;
  status(): ChannelStatus;
  /** Finishes the message in hand (stored and marked, or neither), then disconnects. */
  stop(): Promise<void>;
}

/** Durable intake as the channels see it: `acceptMessage` with the service's dependencies bound. */
export type AcceptFn = (raw: Buffer, channel: InboundMessage['channel'], actor: Actor) => Promise<IntakeResult>;

/** The channels this process runs; /health reads it. One list per process, like the metrics registry. */
const running = new Map<string, IntakeChannel>();

export const intakeChannels = {
  add(channel: IntakeChannel): void {
    running.set(channel.name, channel);
  },
  remove(channel: IntakeChannel): void {
    if (running.get(channel.name) === channel) running.delete(channel.name);
  },
  statuses: (): ChannelStatus[] => [...running.values()].map((c) => c.status()),
};
