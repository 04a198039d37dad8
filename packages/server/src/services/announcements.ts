/** Announcements on the login page: maintenance notices, new features, policy changes. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { insertAnnouncement, selectCurrentAnnouncements, selectAllAnnouncements, type AnnouncementRow } from '../store/announcements';
import { isLang, type Lang } from '@menhu/protocol';
import type { Clock } from './clock';

export interface Announcement {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly lang: Lang;
  readonly publishAt: Date;
  readonly expiresAt: Date | null;
}

export const ANNOUNCEMENT_LIMITS = { title: 200, body: 4000 } as const;

export class AnnouncementInputError extends Error {
  override readonly name = 'AnnouncementInputError';
}

export interface NewAnnouncement {
  readonly title: string;
  readonly body: string;
  /** The language it is written in. Default: zh-TW. */
  readonly lang?: Lang;
  /** Default: now. */
  readonly publishAt?: Date;
  /** Default: never. */
  readonly expiresAt?: Date | null;
}

export interface Announcements {
  current(limit?: number): Promise<Announcement[]>;
  all(): Promise<Announcement[]>;
  add(input: NewAnnouncement): Promise<Announcement>;
}

function toAnnouncement(row: AnnouncementRow): Announcement {
  return {
    id: Number(row.id),
    title: row.title,
    body: row.body,
    lang: isLang(row.lang) ? row.lang : 'zh-TW',
    publishAt: new Date(row.publish_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  };
}

export function createAnnouncements(db: Kysely<Database>, clock: Clock): Announcements {
  return {
    async current(limit = 10) {
      return (await selectCurrentAnnouncements(db, clock.now(), limit)).map(toAnnouncement);
    },
    async all() {
      return (await selectAllAnnouncements(db)).map(toAnnouncement);
    },
    async add(input) {
      const title = input.title.normalize('NFC').trim();
      const body = input.body.normalize('NFC').trim();
      if (!title) throw new AnnouncementInputError('title is empty');
      if (!body) throw new AnnouncementInputError('body is empty');
      // Limits count characters (code points): a rare character outside the BMP counts once.
      if ([...title].length > ANNOUNCEMENT_LIMITS.title) throw new AnnouncementInputError(`title is longer than ${ANNOUNCEMENT_LIMITS.title} characters`);
      if ([...body].length > ANNOUNCEMENT_LIMITS.body) throw new AnnouncementInputError(`body is longer than ${ANNOUNCEMENT_LIMITS.body} characters`);
      const now = clock.now();
      const publishAt = input.publishAt?.getTime() ?? now;
      const expiresAt = input.expiresAt ? input.expiresAt.getTime() : null;
      if (Number.isNaN(publishAt) || (expiresAt !== null && Number.isNaN(expiresAt))) {
        throw new AnnouncementInputError('a date is not valid');
      }
      if (expiresAt !== null && expiresAt <= publishAt) throw new AnnouncementInputError('expiry must be after publication');
      const lang = input.lang ?? 'zh-TW';
      const id = await insertAnnouncement(db, { title, body, lang, publishAt, expiresAt, createdAt: now });
      return { id, title, body, lang, publishAt: new Date(publishAt), expiresAt: expiresAt === null ? null : new Date(expiresAt) };
    },
  };
}
