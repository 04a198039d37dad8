import type { SessionRecord } from './record';

/**
 * Where sessions live: the database by default, Redis when REDIS_URL is set, so that any node can serve any
 * request. Four operations; expiry is enforced by the manager and also by the store (TTL / expires_at).
 */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | undefined>;
  /** Writes the record, to be dropped after `expiresAt` (ms). */
  set(record: SessionRecord, expiresAt: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Ends every session of an account, except `exceptId` (e.g. after a password reset or card binding). */
  destroyAllOf(accountId: string, exceptId?: string): Promise<number>;
  /** Removes what has expired, where the store does not do it by itself. */
  sweep?(): Promise<number>;
}
