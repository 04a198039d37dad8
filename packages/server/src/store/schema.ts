/**
 * The tables, as Kysely sees them. Times are milliseconds since the epoch in BIGINT columns, which both
 * engines store the same way (pg's BIGINT is read back as a number, see db.ts).
 */
import type { Generated } from 'kysely';

export interface AnnouncementsTable {
  id: Generated<number>;
  title: string;
  body: string;
  publish_at: number;
  /** null: shown until removed. */
  expires_at: number | null;
  created_at: number;
}

/** Append-only: the migration adds triggers that refuse UPDATE and DELETE on both engines. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  account_id: string | null;
  ip: string | null;
  user_agent: string | null;
  event: string;
  outcome: string;
  /** JSON object with the event's particulars, never a password, PIN or full ID number. */
  detail: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a copy of the table does not hand out live cookies. */
  id: string;
  account_id: string | null;
  /** The whole session record as JSON. */
  data: string;
  expires_at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  announcements: AnnouncementsTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  menhu_meta: MetaTable;
}
