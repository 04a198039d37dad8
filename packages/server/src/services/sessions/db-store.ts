import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfAccount,
  selectSession,
  selectSessionsOfAccount,
  upsertSession,
} from '../../store/sessions';
import type { Clock } from '../clock';
import type { SessionRecord } from './record';
import type { SessionStore } from './store';

export function createDbSessionStore(db: Kysely<Database>, clock: Clock): SessionStore {
  return {
    async get(id) {
      const data = await selectSession(db, id, clock.now());
      return data === undefined ? undefined : (JSON.parse(data) as SessionRecord);
    },
    async set(record, expiresAt) {
      await upsertSession(db, { id: record.id, accountId: record.accountId, data: JSON.stringify(record), expiresAt });
    },
    destroy: (id) => deleteSession(db, id),
    destroyAllOf: (accountId, exceptId) => deleteSessionsOfAccount(db, accountId, exceptId),
    async listOf(accountId) {
      return (await selectSessionsOfAccount(db, accountId, clock.now())).map((data) => JSON.parse(data) as SessionRecord);
    },
    sweep: () => deleteExpiredSessions(db, clock.now()),
  };
}
