/** Queries on the audit log. There is deliberately no update or delete here; the database refuses both. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from './schema';

export type AuditRow = Selectable<AuditLogTable>;

export async function insertAuditRow(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export function selectAuditRows(
  db: Kysely<Database>,
  filter: { accountId?: string; event?: string; limit: number },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.accountId !== undefined) q = q.where('account_id', '=', filter.accountId);
  if (filter.event !== undefined) q = q.where('event', '=', filter.event);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}
