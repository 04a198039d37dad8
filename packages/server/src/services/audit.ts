/**
 * The audit trail: one call every flow makes for every event that matters (sign-in, failure, lock, change of
 * account data, token issued…). Rows are append-only. The detail never holds a password, PIN or full ID number.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { insertAuditRow, selectAuditRows, type AuditFilter, type AuditRow } from '../store/audit';
import type { Clock } from './clock';

export type AuditOutcome = 'success' | 'failure' | 'refused' | 'info';

export interface AuditEvent {
  /** Dotted name, e.g. `login.password`, `announcement.add`. */
  readonly event: string;
  readonly outcome: AuditOutcome;
  readonly accountId?: string | null;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** User agents can be anything a client sends; keep enough to recognise a browser, not a megabyte. */
const MAX_USER_AGENT = 512;

export interface Audit {
  record(event: AuditEvent): Promise<void>;
  list(filter: AuditFilter & { limit?: number }): Promise<AuditRow[]>;
}

export function createAudit(db: Kysely<Database>, clock: Clock): Audit {
  return {
    async record(e) {
      await insertAuditRow(db, {
        at: clock.now(),
        account_id: e.accountId ?? null,
        ip: e.ip ?? null,
        // By code points, so a character outside the BMP is never cut in half.
        user_agent: e.userAgent ? Array.from(e.userAgent).slice(0, MAX_USER_AGENT).join('') : null,
        event: e.event,
        outcome: e.outcome,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      });
    },
    list(filter) {
      return selectAuditRows(db, { ...filter, limit: Math.min(filter.limit ?? 100, 1000) });
    },
  };
}
