// The services a running changedesk shares between API and workers, built once at start-up (see build-services.ts).
import type { Redis } from 'ioredis';
import type { Queues } from '../../queues/queues.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import type { ExtractionProvider } from '../extraction/provider.ts';
import type { Policy } from '../review/policy.ts';
import type { RiskScorer } from '../risk/scorer.ts';
import type { User } from '../review/users.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { Db } from '../storage/db.ts';
import type { Config } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';

export interface Services {
  config: Config;
  db: Db;
  blobs: BlobStore;
  erp: ErpAdapter;
  provider: ExtractionProvider;
  queues: Queues;
  /** A plain client for health checks. */
  redis: Redis;
  users: Map<string, User>;
  /** The approval policy file, validated at start-up. */
  policy: Policy;
  /** Dispute-risk scoring: the trained model of CHANGEDESK_RISK_MODEL, or the documented prior. */
  risk: RiskScorer;
  logger: Logger;
  /** Best-effort queuing: a failure is logged, and the start-up sweep re-drives what the database says is due. */
  enqueueParse(messageId: string): Promise<void>;
  /** Process state for readiness: set while SIGTERM drains, so load balancers stop sending work. */
  lifecycle: { draining: boolean };
  /** correlationId: the id of the message the approved item came from. */
  enqueuePost(idempotencyKey: string, correlationId: string): Promise<void>;
}
