/**
 * The three session stores the contract runs against: the database store on SQLite and on PostgreSQL, and the
 * Redis store. Each test gets an empty store of its own and a manual clock.
 *
 * Redis is optional outside CI (skipped with `redisAvailable`'s message); under CI=true an unreachable server
 * throws while the file is collected. Every key lives under a random prefix for this run, one more level per
 * test, and is deleted after the test.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { createDbSessionStore } from '../../src/services/sessions/db-store';
import { createRedisSessionStore } from '../../src/services/sessions/redis-store';
import type { SessionStore } from '../../src/services/sessions/store';
import { manualClock, type ManualClock } from '../support/platform';
import { REDIS_URL, redisAvailable } from '../support/services';
import type { Engine } from './engines';

export interface SessionStoreKind {
  readonly name: string;
  /** False only outside CI, when the store's server cannot be reached. */
  readonly available: boolean;
  /** Whether expired records stay until `sweep()` removes them (the database) rather than vanishing (Redis TTL). */
  readonly sweeps: boolean;
  open(clock: ManualClock): Promise<OpenedSessionStore>;
}

export interface OpenedSessionStore {
  readonly sessions: SessionStore;
  /**
   * Lets `ms` pass as the store sees time: the database compares expires_at with the clock, Redis expires keys
   * in real time, so for Redis this also waits (only short spans are allowed, to keep the suite quick).
   */
  passTime(ms: number): Promise<void>;
  /** Everything the store holds, as text: what someone who copied the table or the Redis keys would have. */
  dump(): Promise<string>;
  remove(): Promise<void>;
}

export interface SessionStoreContext {
  readonly clock: ManualClock;
  readonly sessions: SessionStore;
  passTime(ms: number): Promise<void>;
  dump(): Promise<string>;
}

function dbKind(engine: Engine): SessionStoreKind {
  return {
    name: `database (${engine.name})`,
    available: engine.available,
    sweeps: true,
    async open(clock) {
      const { store, remove } = await engine.open();
      return {
        sessions: createDbSessionStore(store.db, clock),
        passTime: async (ms) => clock.advance(ms),
        dump: async () => JSON.stringify(await store.db.selectFrom('sessions').selectAll().execute()),
        remove,
      };
    },
  };
}

/** Real time Redis is allowed to take for one `passTime`. */
const MAX_REAL_WAIT_MS = 3000;
/** Redis expires a key on the first access after its time; a little slack covers timer granularity. */
const EXPIRY_SLACK_MS = 50;

function redisKind(available: boolean): SessionStoreKind {
  const runPrefix = `menhu-test-${randomBytes(6).toString('hex')}:`;
  let tests = 0;

  async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  afterAll(async () => {
    if (!available || tests === 0) return;
    // A safety net for a test that ended before its own clean-up ran.
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    try {
      await deleteKeys(redis, runPrefix);
    } finally {
      redis.disconnect();
    }
  });

  return {
    name: 'Redis',
    available,
    sweeps: false,
    async open(clock) {
      const prefix = `${runPrefix}${++tests}:`;
      const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
      await redis.connect();
      return {
        sessions: createRedisSessionStore(redis, clock, prefix),
        async passTime(ms) {
          if (ms > MAX_REAL_WAIT_MS) throw new Error(`passTime: ${ms} ms is too long to wait for in real time`);
          clock.advance(ms);
          await sleep(ms + EXPIRY_SLACK_MS);
        },
        async dump() {
          const keys = (await redis.keys(`${prefix}*`)).sort();
          const entries = [];
          for (const key of keys) {
            const type = await redis.type(key);
            entries.push([key, type === 'set' ? (await redis.smembers(key)).sort() : await redis.get(key)]);
          }
          return JSON.stringify(entries);
        },
        async remove() {
          try {
            await deleteKeys(redis, prefix);
          } finally {
            redis.disconnect();
          }
        },
      };
    },
  };
}

/** The database store on each engine, then Redis. Registers the file's clean-up. */
export async function sessionStoreKinds(engines: readonly Engine[]): Promise<readonly SessionStoreKind[]> {
  return [...engines.map(dbKind), redisKind(await redisAvailable())];
}

/** An empty store and a fresh manual clock for every test of the enclosing describe. */
export function useSessionStore(kind: SessionStoreKind): () => SessionStoreContext {
  let current: (OpenedSessionStore & { clock: ManualClock }) | undefined;
  beforeEach(async () => {
    const clock = manualClock();
    current = { ...(await kind.open(clock)), clock };
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    await opened?.remove();
  });
  return () => {
    if (!current) throw new Error('useSessionStore: the store exists only while a test runs');
    return current;
  };
}
