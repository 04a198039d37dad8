/** Queries on the announcements table. */
import type { Kysely, Selectable } from 'kysely';
import type { AnnouncementsTable, Database } from './schema';

export type AnnouncementRow = Selectable<AnnouncementsTable>;

export async function insertAnnouncement(
  db: Kysely<Database>,
  row: { title: string; body: string; lang: string; publishAt: number; expiresAt: number | null; createdAt: number },
): Promise<number> {
  const inserted = await db
    .insertInto('announcements')
    .values({
      title: row.title,
      body: row.body,
      lang: row.lang,
      publish_at: row.publishAt,
      expires_at: row.expiresAt,
      created_at: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Published and not yet expired at `now`, newest first. */
export function selectCurrentAnnouncements(db: Kysely<Database>, now: number, limit: number): Promise<AnnouncementRow[]> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('publish_at', '<=', now)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('publish_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function selectAllAnnouncements(db: Kysely<Database>): Promise<AnnouncementRow[]> {
  return db.selectFrom('announcements').selectAll().orderBy('publish_at', 'desc').orderBy('id', 'desc').execute();
}
