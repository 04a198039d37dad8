/** Announcements, the append-only audit log, server-side sessions and a small key/value table. */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db';

export function foundation(dialect: Dialect) {
  // An ever-growing integer key: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL's BIGSERIAL.
  const serial = dialect === 'postgres' ? ('bigserial' as const) : ('integer' as const);
  const serialPk = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('announcements')
        .addColumn('id', serial, serialPk)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        // The language it is written in, so pages in the other language mark it (WCAG 2.1 SC 3.1.2).
        .addColumn('lang', 'text', (c) => c.notNull().defaultTo('zh-TW'))
        .addColumn('publish_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('announcements_publish_at').on('announcements').column('publish_at').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', serial, serialPk)
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_account_at').on('audit_log').columns(['account_id', 'at']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

      // The audit trail is evidence: the database itself refuses to change or remove a row, whatever code asks.
      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION menhu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION menhu_audit_append_only()`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION menhu_audit_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      }

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('menhu_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
