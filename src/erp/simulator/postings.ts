// Posting an approved change to the simulated ERP: idempotent per key, refused as a whole when it cannot apply.
import { hashJson } from '../../shared/hash.ts';
import { AppError } from '../../shared/errors.ts';
import type { ErpPostingPayload, ErpPostingResult } from '../schema.ts';
import { applyActions } from './actions.ts';
import { findItem, findOrder, findPosting } from './state.ts';
import type { SimPosting, SimState } from './state.ts';

export interface PostingOutcome {
  /** 201 for a new posting, 200 for a replay of an earlier one under the same key. */
  status: 200 | 201;
  result: ErpPostingResult;
}

const toResult = ({ payload: _payload, ...posting }: SimPosting, replayed: boolean): ErpPostingResult => ({ ...posting, replayed });

/** Synchronous from lookup to record, so two concurrent posts with one key can never both apply. */
export function postChange(state: SimState, idempotencyKey: string, payload: ErpPostingPayload, now: Date): PostingOutcome {
  const payloadHash = hashJson(payload);
  const earlier = findPosting(state, idempotencyKey);
  if (earlier && earlier.payloadHash !== payloadHash) {
    const message = `idempotency key ${idempotencyKey} was already used for a different payload`;
    throw new AppError('conflict', message, { payloadHash: earlier.payloadHash });
  }
  if (earlier) return { status: 200, result: toResult(earlier, true) };

  const order = findOrder(state, payload.orderRef);
  if (!order) throw new AppError('unprocessable', `unknown order ${payload.orderRef}`);
  state.orders[state.orders.indexOf(order)] = applyActions(order, payload.actions, (sku) => findItem(state, sku));
  const posting: SimPosting = {
    postingId: `PST-${String(state.postings.length + 1).padStart(6, '0')}`,
    idempotencyKey, payloadHash, payload, postedAt: now.toISOString(),
  };
  state.postings.push(posting);
  return { status: 201, result: toResult(posting, false) };
}
