/** Queries on the audit log. There is deliberately no update or delete here; the database refuses both. */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, Database } from './schema';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditFilter {
  readonly accountId?: string;
  readonly event?: string;
  /** Events whose name starts with this, e.g. `login.` */
  readonly eventPrefix?: string;
  readonly outcome?: string;
}

export async function insertAuditRow(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export function selectAuditRows(
  db: Kysely<Database>,
  filter: AuditFilter & { limit: number },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.accountId !== undefined) q = q.where('account_id', '=', filter.accountId);
  if (filter.event !== undefined) q = q.where('event', '=', filter.event);
  if (filter.eventPrefix !== undefined) {
    // Event names hold '_' (totp.recovery_code_used): escaped, so they match themselves and nothing else.
    const pattern = `${filter.eventPrefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`event LIKE ${pattern} ESCAPE '\\'`);
  }
  if (filter.outcome !== undefined) q = q.where('outcome', '=', filter.outcome);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}
