/**
 * Sessions on every store: the SessionStore contract (src/services/sessions/store.ts), then the SessionManager
 * built on each store, driven by a manual clock. The database store runs on SQLite and PostgreSQL, the Redis
 * store against a real Redis.
 */
import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Acr, Amr } from '@menhu/protocol';
import { createSessionManager, type LiveSession, type LookupResult, type SessionManager } from '../../src/services/sessions/manager';
import type { SessionRecord } from '../../src/services/sessions/record';
import { storageEngines } from './engines';
import { sessionStoreKinds, useSessionStore } from './session-stores';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The configuration's defaults: 20 minutes idle, 8 hours at most, a warning 2 minutes before the end. */
const TIMEOUTS = { idleSeconds: 20 * 60, absoluteSeconds: 8 * 3600, warningSeconds: 120 } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function newRecord(now: number, fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: sha256(randomBytes(32).toString('base64url')),
    accountId: null,
    acr: null,
    amr: [],
    authTime: null,
    createdAt: now,
    lastSeenAt: now,
    csrfToken: randomBytes(32).toString('base64url'),
    data: {},
    ...fields,
  };
}

function activeSession(result: LookupResult): LiveSession {
  if (result.state !== 'active') throw new Error(`expected an active session, got ${JSON.stringify(result)}`);
  return result.session;
}

const kinds = await sessionStoreKinds(await storageEngines());

for (const kind of kinds) {
  describe.skipIf(!kind.available)(`session store: ${kind.name}`, () => {
    const ctx = useSessionStore(kind);
    const inAnHour = () => ctx().clock.now() + HOUR;

    it('gives back a record exactly as it was written, and nothing for an id it does not hold', async () => {
      const { sessions, clock } = ctx();
      const record = newRecord(clock.now(), {
        accountId: 'acct-1',
        acr: 'substantial',
        amr: ['pwd', 'otp'],
        authTime: Math.floor(clock.now() / 1000),
        data: { flow: { step: 2, name: '王小明' } },
      });

      await sessions.set(record, inAnHour());

      expect(await sessions.get(record.id)).toEqual(record);
      expect(await sessions.get(newRecord(clock.now()).id)).toBeUndefined();
    });

    it('replaces a record written again under the same id', async () => {
      const { sessions, clock } = ctx();
      const record = newRecord(clock.now());
      await sessions.set(record, inAnHour());
      clock.advance(5 * MINUTE);

      const later = { ...record, lastSeenAt: clock.now(), data: { step: 'next' } };
      await sessions.set(later, inAnHour());

      expect(await sessions.get(record.id)).toEqual(later);
    });

    it('destroys one session and leaves the others; destroying an unknown id does no harm', async () => {
      const { sessions, clock } = ctx();
      const gone = newRecord(clock.now(), { accountId: 'acct-1' });
      const kept = newRecord(clock.now(), { accountId: 'acct-1' });
      await sessions.set(gone, inAnHour());
      await sessions.set(kept, inAnHour());

      await sessions.destroy(gone.id);
      await sessions.destroy(newRecord(clock.now()).id);

      expect(await sessions.get(gone.id)).toBeUndefined();
      expect(await sessions.get(kept.id)).toEqual(kept);
    });

    it("ends every other session of an account, keeps the excepted one, and leaves other accounts' alone", async () => {
      const { sessions, clock } = ctx();
      const a1 = newRecord(clock.now(), { accountId: 'acct-a' });
      const a2 = newRecord(clock.now(), { accountId: 'acct-a' });
      const current = newRecord(clock.now(), { accountId: 'acct-a' });
      const b = newRecord(clock.now(), { accountId: 'acct-b' });
      const anonymous = newRecord(clock.now());
      for (const r of [a1, a2, current, b, anonymous]) await sessions.set(r, inAnHour());

      expect(await sessions.destroyAllOf('acct-a', current.id)).toBe(2);

      expect(await sessions.get(a1.id)).toBeUndefined();
      expect(await sessions.get(a2.id)).toBeUndefined();
      expect(await sessions.get(current.id)).toEqual(current);
      expect(await sessions.get(b.id)).toEqual(b);
      expect(await sessions.get(anonymous.id)).toEqual(anonymous);

      expect(await sessions.destroyAllOf('acct-a')).toBe(1);
      expect(await sessions.get(current.id)).toBeUndefined();
      expect(await sessions.get(b.id)).toEqual(b);
    });

    it('gives back nothing once the expiry it was written with has passed', async () => {
      const { sessions, clock, passTime } = ctx();
      const record = newRecord(clock.now(), { accountId: 'acct-1' });
      const other = newRecord(clock.now());
      await sessions.set(record, clock.now() + 1500);
      await sessions.set(other, inAnHour());
      expect(await sessions.get(record.id)).toEqual(record);

      await passTime(1500);

      expect(await sessions.get(record.id)).toBeUndefined();
      expect(await sessions.get(other.id)).toEqual(other);
    });

    it("lists an account's records, none of another account's or anonymous ones, and none after they are destroyed", async () => {
      const { sessions, clock } = ctx();
      const a1 = newRecord(clock.now(), { accountId: 'acct-a', signedInFrom: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 Firefox/128.0' } });
      const a2 = newRecord(clock.now(), { accountId: 'acct-a' });
      const b = newRecord(clock.now(), { accountId: 'acct-b' });
      const anonymous = newRecord(clock.now());
      for (const r of [a1, a2, b, anonymous]) await sessions.set(r, inAnHour());

      const byId = (list: SessionRecord[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(await sessions.listOf('acct-a'))).toEqual(byId([a1, a2]));
      expect(await sessions.listOf('acct-b')).toEqual([b]);
      expect(await sessions.listOf('acct-none')).toEqual([]);

      await sessions.destroy(a2.id);
      expect(await sessions.listOf('acct-a')).toEqual([a1]);
      await sessions.destroyAllOf('acct-a');
      expect(await sessions.listOf('acct-a')).toEqual([]);
    });

    it('lists no record whose expiry has passed', async () => {
      const { sessions, clock, passTime } = ctx();
      const short = newRecord(clock.now(), { accountId: 'acct-a' });
      const long = newRecord(clock.now(), { accountId: 'acct-a' });
      await sessions.set(short, clock.now() + 1500);
      await sessions.set(long, inAnHour());

      await passTime(1500);

      expect(await sessions.listOf('acct-a')).toEqual([long]);
    });

    // Only the database store sweeps; Redis drops expired keys by itself.
    if (kind.sweeps) it('sweeps away expired records and keeps live ones', async () => {
      const { sessions, clock, passTime, dump } = ctx();
      const expired = newRecord(clock.now());
      const live = newRecord(clock.now());
      await sessions.set(expired, clock.now() + MINUTE);
      await sessions.set(live, inAnHour());
      await passTime(MINUTE);

      expect(await sessions.sweep?.()).toBe(1);

      expect(await dump()).not.toContain(expired.id);
      expect(await sessions.get(live.id)).toEqual(live);
    });

    describe('with the session manager', () => {
      let manager: SessionManager;
      beforeEach(() => {
        manager = createSessionManager(ctx().sessions, ctx().clock, TIMEOUTS);
      });
      const signedIn = async (accountId: string, acr: Acr = 'substantial', amr: readonly Amr[] = ['pwd', 'otp']) =>
        manager.signIn(await manager.start(), { accountId, acr, amr });

      it('starts a session with a random token that the store knows only by its SHA-256', async () => {
        const { token, record } = await manager.start();
        const second = await manager.start();

        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
        expect(second.token).not.toBe(token);
        expect(record).toMatchObject({ id: sha256(token), accountId: null, acr: null, amr: [], authTime: null });
        expect(record.csrfToken).not.toBe(second.record.csrfToken);
        expect(await ctx().sessions.get(sha256(token))).toEqual(record);
        const stored = await ctx().dump();
        expect(stored).toContain(sha256(token));
        expect(stored).not.toContain(token);
        expect(activeSession(await manager.lookup(token)).record).toEqual(record);
      });

      it('finds no session for a missing, malformed, unknown or hashed token', async () => {
        const { token } = await manager.start();

        for (const candidate of [
          undefined,
          '',
          'abc',
          `${token}A`,
          token.slice(0, 42),
          `${token.slice(0, 42)}.`,
          randomBytes(32).toString('base64url'),
          sha256(token), // what a copy of the store holds is not a cookie
        ]) {
          expect(await manager.lookup(candidate), String(candidate)).toEqual({ state: 'none' });
        }
        expect((await manager.lookup(token)).state).toBe('active');
      });

      it('reports a session left idle for idleSeconds as expired once, and removes it', async () => {
        const { token, record } = await manager.start();

        ctx().clock.advance(TIMEOUTS.idleSeconds * SECOND - 1);
        expect((await manager.lookup(token)).state).toBe('active');
        ctx().clock.advance(1);

        expect(await manager.lookup(token)).toEqual({ state: 'expired', wasSignedIn: false });
        expect(await manager.lookup(token)).toEqual({ state: 'none' });
        expect(await ctx().sessions.get(record.id)).toBeUndefined();
        expect(await ctx().dump()).not.toContain(record.id);
      });

      it('says whether the session that timed out had been signed in', async () => {
        const { token } = await signedIn('acct-1');

        ctx().clock.advance(TIMEOUTS.idleSeconds * SECOND);

        expect(await manager.lookup(token)).toEqual({ state: 'expired', wasSignedIn: true });
      });

      it('restarts the idle time-out when touched more than a minute after the last recorded activity', async () => {
        const { token } = await manager.start();
        ctx().clock.advance(5 * MINUTE);

        const touched = await manager.touch(activeSession(await manager.lookup(token)));
        expect(touched.record.lastSeenAt).toBe(ctx().clock.now());

        ctx().clock.advance(TIMEOUTS.idleSeconds * SECOND - 1);
        expect((await manager.lookup(token)).state).toBe('active');
        ctx().clock.advance(1);
        expect((await manager.lookup(token)).state).toBe('expired');
      });

      it('does not write a touch within a minute of the last recorded activity, so the idle time-out runs on', async () => {
        const started = await manager.start();
        ctx().clock.advance(MINUTE - 1);

        const touched = await manager.touch(activeSession(await manager.lookup(started.token)));
        expect(touched.record.lastSeenAt).toBe(started.record.lastSeenAt);

        ctx().clock.advance(TIMEOUTS.idleSeconds * SECOND - (MINUTE - 1));
        expect((await manager.lookup(started.token)).state).toBe('expired');
      });

      it('writes a forced touch however recent the last one', async () => {
        const { token } = await manager.start();
        ctx().clock.advance(MINUTE - 1);

        const forced = await manager.touch(activeSession(await manager.lookup(token)), true);
        expect(forced.record.lastSeenAt).toBe(ctx().clock.now());

        // Past the start's 20 minutes, within the forced touch's.
        ctx().clock.advance(TIMEOUTS.idleSeconds * SECOND - 1);
        expect(activeSession(await manager.lookup(token)).record.lastSeenAt).toBe(forced.record.lastSeenAt);
      });

      it('ends a signed-in session at the absolute time-out however active it is', async () => {
        const { token } = await signedIn('acct-1');

        for (let elapsed = 10 * MINUTE; elapsed < TIMEOUTS.absoluteSeconds * SECOND; elapsed += 10 * MINUTE) {
          ctx().clock.advance(10 * MINUTE);
          await manager.touch(activeSession(await manager.lookup(token)));
        }
        // 7 h 50 min in, touched just now.
        ctx().clock.advance(10 * MINUTE - 1);
        expect((await manager.lookup(token)).state).toBe('active');
        ctx().clock.advance(1);

        expect(await manager.lookup(token)).toEqual({ state: 'expired', wasSignedIn: true });
      });

      it('moves a sign-in to a new token and CSRF token, and records who signed in, how and when', async () => {
        const anonymous = await manager.start();
        ctx().clock.advance(3 * MINUTE + 1234);

        const session = await manager.signIn(anonymous, { accountId: 'acct-1', acr: 'substantial', amr: ['pwd', 'otp', 'pwd'] });

        expect(session.token).not.toBe(anonymous.token);
        expect(session.record.csrfToken).not.toBe(anonymous.record.csrfToken);
        expect(await manager.lookup(anonymous.token)).toEqual({ state: 'none' });
        expect(await ctx().sessions.get(anonymous.record.id)).toBeUndefined();
        const found = activeSession(await manager.lookup(session.token));
        expect(found.record).toMatchObject({
          id: sha256(session.token),
          accountId: 'acct-1',
          acr: 'substantial',
          amr: ['pwd', 'otp'],
          authTime: Math.floor(ctx().clock.now() / 1000),
          csrfToken: session.record.csrfToken,
        });
      });

      it('raises acr on a step-up but never lowers it, adds the new methods to amr, and issues a new token', async () => {
        const first = await signedIn('acct-1', 'substantial', ['pwd', 'otp']);
        ctx().clock.advance(5 * MINUTE);

        const high = await manager.stepUp(first, { acr: 'high', amr: ['sc', 'pin'] });

        expect(high.token).not.toBe(first.token);
        expect(high.record.csrfToken).not.toBe(first.record.csrfToken);
        expect(await manager.lookup(first.token)).toEqual({ state: 'none' });
        const afterHigh = activeSession(await manager.lookup(high.token)).record;
        expect(afterHigh).toMatchObject({ accountId: 'acct-1', acr: 'high', authTime: Math.floor(ctx().clock.now() / 1000) });
        expect([...afterHigh.amr].sort()).toEqual(['otp', 'pin', 'pwd', 'sc']);

        ctx().clock.advance(5 * MINUTE);
        const again = await manager.stepUp(high, { acr: 'substantial', amr: ['otp'] });

        const afterAgain = activeSession(await manager.lookup(again.token)).record;
        expect(afterAgain.acr).toBe('high');
        expect([...afterAgain.amr].sort()).toEqual(['otp', 'pin', 'pwd', 'sc']);
        expect(await manager.lookup(high.token)).toEqual({ state: 'none' });
      });

      it('does not extend the absolute time-out on a step-up', async () => {
        let session = await signedIn('acct-1');
        for (let elapsed = 0; elapsed < 7 * HOUR + 50 * MINUTE; elapsed += 10 * MINUTE) {
          ctx().clock.advance(10 * MINUTE);
          session = await manager.touch(activeSession(await manager.lookup(session.token)));
        }

        const stepped = await manager.stepUp(session, { acr: 'high', amr: ['sc', 'pin'] });
        ctx().clock.advance(10 * MINUTE);

        expect(await manager.lookup(stepped.token)).toEqual({ state: 'expired', wasSignedIn: true });
      });

      it('refuses to step up a session nobody has signed in to', async () => {
        const anonymous = await manager.start();

        await expect(Promise.resolve().then(() => manager.stepUp(anonymous, { acr: 'high', amr: ['sc'] }))).rejects.toThrow(TypeError);

        expect(activeSession(await manager.lookup(anonymous.token)).record).toEqual(anonymous.record);
      });

      it('ends one session so that its token no longer works', async () => {
        const session = await signedIn('acct-1');
        const other = await signedIn('acct-1');

        await manager.end(session);

        expect(await manager.lookup(session.token)).toEqual({ state: 'none' });
        expect((await manager.lookup(other.token)).state).toBe('active');
      });

      it("ends every session of one account and none of another account's", async () => {
        const a1 = await signedIn('acct-a');
        const a2 = await signedIn('acct-a', 'high', ['sc', 'pin']);
        const b = await signedIn('acct-b');
        const anonymous = await manager.start();

        expect(await manager.endAllOf('acct-a')).toBe(2);

        expect(await manager.lookup(a1.token)).toEqual({ state: 'none' });
        expect(await manager.lookup(a2.token)).toEqual({ state: 'none' });
        expect(activeSession(await manager.lookup(b.token)).record.accountId).toBe('acct-b');
        expect((await manager.lookup(anonymous.token)).state).toBe('active');
      });

      it("lists an account's usable sessions, the most recently active first, leaving out one past its idle time-out", async () => {
        const idle = await signedIn('acct-a');
        ctx().clock.advance(10 * MINUTE);
        const older = await signedIn('acct-a');
        ctx().clock.advance(5 * MINUTE);
        const newest = await signedIn('acct-a', 'high', ['sc', 'pin', 'mfa']);
        await signedIn('acct-b');
        ctx().clock.advance(6 * MINUTE); // `idle` has now been idle for 21 minutes

        const listed = await manager.listOf('acct-a');

        expect(listed.map((r) => r.id)).toEqual([newest.record.id, older.record.id]);
        expect(listed.map((r) => r.id)).not.toContain(idle.record.id);
      });

      it('notes where a sign-in came from once, keeps the token, and forgets it on the next sign-in', async () => {
        const session = await signedIn('acct-a');
        expect(session.record.signedInFrom).toBeUndefined();

        const noted = await manager.noteOrigin(session, { ip: '198.51.100.4', userAgent: `Mozilla/5.0 ${'x'.repeat(400)}` });
        expect(noted.token).toBe(session.token);
        expect(noted.record.signedInFrom?.ip).toBe('198.51.100.4');
        expect(noted.record.signedInFrom?.userAgent).toHaveLength(256);
        expect(activeSession(await manager.lookup(session.token)).record.signedInFrom).toEqual(noted.record.signedInFrom);

        // A second note (a later answer in the same session) changes nothing.
        const again = await manager.noteOrigin(noted, { ip: '192.0.2.99', userAgent: 'curl/8' });
        expect(again.record.signedInFrom?.ip).toBe('198.51.100.4');
        // The list carries it.
        expect((await manager.listOf('acct-a'))[0]?.signedInFrom?.ip).toBe('198.51.100.4');

        const next = await manager.signIn(again, { accountId: 'acct-b', acr: 'low', amr: ['pwd'] });
        expect(next.record.signedInFrom).toBeUndefined();
        // Nothing is noted for a browser that is not signed in.
        const anonymous = await manager.start();
        expect((await manager.noteOrigin(anonymous, { ip: '192.0.2.1', userAgent: null })).record.signedInFrom).toBeUndefined();
      });

      it('can keep the session that asked when ending the rest of its account', async () => {
        const current = await signedIn('acct-a');
        const elsewhere = await signedIn('acct-a');

        expect(await manager.endAllOf('acct-a', current.record.id)).toBe(1);

        expect(await manager.lookup(elsewhere.token)).toEqual({ state: 'none' });
        expect((await manager.lookup(current.token)).state).toBe('active');
      });
    });
  });
}
