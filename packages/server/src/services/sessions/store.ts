import type { SessionRecord } from './record';

/**
 * Where sessions live: the database by default, Redis when REDIS_URL is set, so that any node can serve any
 * request. Five operations; expiry is enforced by the manager and also by the store (TTL / expires_at).
 */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | undefined>;
  /** Writes the record, to be dropped after `expiresAt` (ms). */
  set(record: SessionRecord, expiresAt: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Ends every session of an account, except `exceptId` (e.g. after a password reset or card binding). */
  destroyAllOf(accountId: string, exceptId?: string): Promise<number>;
  /**
   * Every record of an account the store still holds, in no particular order (登入中的裝置). The store's own
   * expiry applies; the manager leaves out those past their idle or absolute time-out.
   */
  listOf(accountId: string): Promise<SessionRecord[]>;
  /** Removes what has expired, where the store does not do it by itself. */
  sweep?(): Promise<number>;
}
