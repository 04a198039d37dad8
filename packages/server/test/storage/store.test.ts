/**
 * The storage layer on both engines: the same tests, run once on SQLite and once on PostgreSQL, each with a
 * database of its own (see engines.ts).
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate';
import { getMeta, setMetaOnce } from '../../src/store/meta';
import { AnnouncementInputError, createAnnouncements, type NewAnnouncement } from '../../src/services/announcements';
import { createAudit } from '../../src/services/audit';
import { loadSecrets } from '../../src/config/secrets';
import { createAccounts } from '../../src/services/accounts';
import { createMailer } from '../../src/services/mailer';
import { addDemoDataOnce, DEMO_ACCOUNT } from '../../src/services/demo';
import { manualClock, tempDir, testConfig } from '../support/platform';
import { storageEngines, useStore } from './engines';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The tables this suite relies on; later migrations add more. */
const FOUNDATION_TABLES = ['announcements', 'audit_log', 'sessions', 'menhu_meta'] as const;

const engines = await storageEngines();

for (const engine of engines) {
  describe.skipIf(!engine.available)(`storage on ${engine.name}`, () => {
    describe('migrations', () => {
      const store = useStore(engine, { migrate: false });

      const tableExists = (table: string) =>
        sql`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(store().db).then(
          () => true,
          () => false,
        );

      it('create the tables on a fresh database and record each migration as applied', async () => {
        for (const table of FOUNDATION_TABLES) expect(await tableExists(table), table).toBe(false);

        const results = await migrateToLatest(store());

        expect(results.map((r) => r.migrationName)).toContain('0001_foundation');
        for (const r of results) expect(r).toMatchObject({ direction: 'Up', status: 'Success' });
        for (const table of FOUNDATION_TABLES) expect(await tableExists(table), table).toBe(true);
        const recorded = await sql<{ name: string }>`SELECT name FROM menhu_migrations ORDER BY name`.execute(store().db);
        expect(recorded.rows.map((r) => r.name)).toEqual(results.map((r) => r.migrationName).sort());
      });

      it('apply nothing the second time, and leave the data in place', async () => {
        await migrateToLatest(store());
        await createAnnouncements(store().db, manualClock()).add({ title: 'Kept', body: 'Still here after a restart.' });

        expect(await migrateToLatest(store())).toEqual([]);

        const titles = await store().db.selectFrom('announcements').select('title').execute();
        expect(titles).toEqual([{ title: 'Kept' }]);
      });
    });

    describe('announcements', () => {
      const store = useStore(engine);

      it('show only those published and not yet expired, newest first', async () => {
        const clock = manualClock();
        const t = clock.now();
        const announcements = createAnnouncements(store().db, clock);
        await announcements.add({ title: 'Older', body: 'b', publishAt: new Date(t - 2 * DAY) });
        await announcements.add({ title: 'Newer', body: 'b', publishAt: new Date(t - DAY), expiresAt: new Date(t + 30 * DAY) });
        await announcements.add({ title: 'Expired', body: 'b', publishAt: new Date(t - 3 * DAY), expiresAt: new Date(t - DAY) });
        await announcements.add({ title: 'Ends now', body: 'b', publishAt: new Date(t - DAY), expiresAt: new Date(t) });
        await announcements.add({ title: 'Starts now', body: 'b' });

        const titles = (await announcements.current()).map((a) => a.title);

        expect(titles).toEqual(['Starts now', 'Newer', 'Older']);
      });

      it('keep a future announcement hidden until its publication time', async () => {
        const clock = manualClock();
        const announcements = createAnnouncements(store().db, clock);
        await announcements.add({ title: 'Now', body: 'b' });
        await announcements.add({ title: 'Maintenance', body: 'b', publishAt: new Date(clock.now() + HOUR) });

        clock.advance(HOUR - 1);
        expect((await announcements.current()).map((a) => a.title)).toEqual(['Now']);
        clock.advance(1);
        expect((await announcements.current()).map((a) => a.title)).toEqual(['Maintenance', 'Now']);
      });

      it('drop an announcement from the current list once it expires', async () => {
        const clock = manualClock();
        const announcements = createAnnouncements(store().db, clock);
        await announcements.add({ title: 'Lasting', body: 'b' });
        await announcements.add({ title: 'Brief', body: 'b', expiresAt: new Date(clock.now() + DAY) });

        clock.advance(DAY - 1);
        expect((await announcements.current()).map((a) => a.title)).toEqual(['Brief', 'Lasting']);
        clock.advance(1);
        expect((await announcements.current()).map((a) => a.title)).toEqual(['Lasting']);
        expect((await announcements.all()).map((a) => a.title)).toEqual(['Brief', 'Lasting']);
      });

      it('return at most the number asked for, the newest ones', async () => {
        const clock = manualClock();
        const announcements = createAnnouncements(store().db, clock);
        for (const title of ['First', 'Second', 'Third']) {
          await announcements.add({ title, body: 'b' });
          clock.advance(1000);
        }

        expect((await announcements.current(2)).map((a) => a.title)).toEqual(['Third', 'Second']);
      });

      it('read back exactly what was added, trimmed and in NFC', async () => {
        const clock = manualClock();
        const t = clock.now();
        const announcements = createAnnouncements(store().db, clock);

        const added = await announcements.add({
          title: '  Cafe\u0301 開幕  ',
          body: '\n內容\n',
          publishAt: new Date(t - 1234),
          expiresAt: new Date(t + 5 * DAY + 1),
        });

        expect(added).toMatchObject({ title: 'Caf\u00e9 開幕', body: '內容' });
        expect(await announcements.all()).toMatchObject([
          { id: added.id, title: 'Caf\u00e9 開幕', body: '內容', publishAt: new Date(t - 1234), expiresAt: new Date(t + 5 * DAY + 1) },
        ]);
      });

      it('accept a title of exactly 200 characters', async () => {
        const announcements = createAnnouncements(store().db, manualClock());
        await announcements.add({ title: '公'.repeat(200), body: 'b' });
        expect((await announcements.all()).map((a) => a.title.length)).toEqual([200]);
      });

      const clockStart = manualClock().now();
      const invalid: ReadonlyArray<readonly [string, NewAnnouncement]> = [
        ['an empty title', { title: '', body: 'b' }],
        ['a title of only spaces', { title: ' \t\u3000 ', body: 'b' }],
        ['an empty body', { title: 't', body: '  ' }],
        ['a title over 200 characters', { title: '公'.repeat(201), body: 'b' }],
        ['a body over 4000 characters', { title: 't', body: 'x'.repeat(4001) }],
        ['an expiry before publication', { title: 't', body: 'b', publishAt: new Date(clockStart), expiresAt: new Date(clockStart - 1) }],
        ['an expiry equal to publication', { title: 't', body: 'b', publishAt: new Date(clockStart + DAY), expiresAt: new Date(clockStart + DAY) }],
        ['an invalid date', { title: 't', body: 'b', publishAt: new Date('not a date') }],
      ];
      it.each(invalid)('refuse %s and write nothing', async (_what, input) => {
        const announcements = createAnnouncements(store().db, manualClock(clockStart));

        await expect(announcements.add(input)).rejects.toBeInstanceOf(AnnouncementInputError);

        expect(await announcements.all()).toEqual([]);
      });
    });

    describe('audit log', () => {
      const store = useStore(engine);

      it('records time, account, address, user agent, event, outcome and detail', async () => {
        const clock = manualClock();
        const audit = createAudit(store().db, clock);
        const userAgent = `Mozilla/5.0 ${'x'.repeat(600)}`;

        await audit.record({
          event: 'login.password',
          outcome: 'failure',
          accountId: 'acct-7',
          ip: '2001:db8::1',
          userAgent,
          detail: { reason: 'wrong_password', tries: 2, name: '王小明' },
        });

        expect(await audit.list({})).toEqual([
          {
            id: expect.any(Number),
            at: clock.now(),
            account_id: 'acct-7',
            ip: '2001:db8::1',
            user_agent: userAgent.slice(0, 512),
            event: 'login.password',
            outcome: 'failure',
            detail: expect.any(String),
          },
        ]);
        expect((await audit.list({})).map((r) => JSON.parse(r.detail ?? 'null'))).toEqual([
          { reason: 'wrong_password', tries: 2, name: '王小明' },
        ]);
      });

      it('lists by event prefix, with _ and % in a prefix matching only themselves', async () => {
        const audit = createAudit(store().db, manualClock());
        for (const event of ['totp.recovery_code_used', 'totp.recoveryXcode_used', 'login.card', 'login%x']) {
          await audit.record({ event, outcome: 'info' });
        }
        const events = async (eventPrefix: string) => (await audit.list({ eventPrefix })).map((r) => r.event).sort();
        expect(await events('totp.recovery_code')).toEqual(['totp.recovery_code_used']);
        expect(await events('login.')).toEqual(['login.card']);
        expect(await events('login%')).toEqual(['login%x']);
      });

      it('stores absent particulars as null', async () => {
        const audit = createAudit(store().db, manualClock());

        await audit.record({ event: 'announcement.add', outcome: 'info' });

        expect(await audit.list({})).toEqual([
          expect.objectContaining({ account_id: null, ip: null, user_agent: null, detail: null, event: 'announcement.add', outcome: 'info' }),
        ]);
      });

      it('lists rows newest first, filtered by account or event and cut at the limit', async () => {
        const clock = manualClock();
        const audit = createAudit(store().db, clock);
        const events = [
          { event: 'login.password', outcome: 'success', accountId: 'a' },
          { event: 'login.password', outcome: 'failure', accountId: 'b' },
          { event: 'account.update', outcome: 'success', accountId: 'a' },
          { event: 'login.password', outcome: 'success', accountId: 'a' },
        ] as const;
        for (const e of events) {
          await audit.record(e);
          clock.advance(1000);
        }
        const summary = (rows: { event: string; account_id: string | null; outcome: string }[]) =>
          rows.map((r) => `${r.account_id} ${r.event} ${r.outcome}`);

        expect(summary(await audit.list({}))).toEqual([
          'a login.password success',
          'a account.update success',
          'b login.password failure',
          'a login.password success',
        ]);
        expect(summary(await audit.list({ accountId: 'a' }))).toEqual([
          'a login.password success',
          'a account.update success',
          'a login.password success',
        ]);
        expect(summary(await audit.list({ event: 'login.password', accountId: 'b' }))).toEqual(['b login.password failure']);
        expect(summary(await audit.list({ limit: 2 }))).toEqual(['a login.password success', 'a account.update success']);
      });

      /** The single row of a fresh audit log. */
      async function oneRow() {
        const audit = createAudit(store().db, manualClock());
        await audit.record({ event: 'login.password', outcome: 'failure', accountId: 'acct-1', detail: { tries: 3 } });
        return store().db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
      }

      it('is refused an UPDATE by the database itself, and the row stays as written', async () => {
        const row = await oneRow();

        await expect(
          store().db.updateTable('audit_log').set({ outcome: 'success', detail: null }).where('id', '=', row.id).execute(),
        ).rejects.toThrow(/append-only/);

        expect(await store().db.selectFrom('audit_log').selectAll().execute()).toEqual([row]);
      });

      it('is refused a DELETE by the database itself, and the row stays', async () => {
        const row = await oneRow();

        await expect(store().db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
        await expect(store().db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);

        expect(await store().db.selectFrom('audit_log').selectAll().execute()).toEqual([row]);
      });

      // SQLite has no TRUNCATE; on PostgreSQL it would bypass the row triggers, so it has one of its own.
      // TRUNCATE exists only on PostgreSQL.
      if (engine.name === 'PostgreSQL') it('is refused a TRUNCATE by the database itself', async () => {
        const row = await oneRow();

        await expect(sql`TRUNCATE audit_log`.execute(store().db)).rejects.toThrow(/append-only/);

        expect(await store().db.selectFrom('audit_log').selectAll().execute()).toEqual([row]);
      });
    });

    describe('installation facts (menhu_meta)', () => {
      const store = useStore(engine);

      it('sets a key the first time only, and keeps the first value', async () => {
        expect(await setMetaOnce(store().db, 'installed', 'first')).toBe(true);
        expect(await setMetaOnce(store().db, 'installed', 'second')).toBe(false);

        expect(await getMeta(store().db, 'installed')).toBe('first');
        expect(await getMeta(store().db, 'never-set')).toBeUndefined();
        expect(await setMetaOnce(store().db, 'other', 'x')).toBe(true);
      });

      it('lets exactly one of several simultaneous callers set a key', async () => {
        const results = await Promise.all(['a', 'b', 'c', 'd'].map((v) => setMetaOnce(store().db, 'leader', v)));

        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await getMeta(store().db, 'leader')).toBe(['a', 'b', 'c', 'd'][results.indexOf(true)]);
      });
    });

    describe('demo data', () => {
      const store = useStore(engine);
      let dataDir: ReturnType<typeof tempDir> | undefined;
      afterEach(() => {
        dataDir?.remove();
        dataDir = undefined;
      });

      /** The services the platform hands to addDemoDataOnce, built from the real parts on this test's store. */
      function services() {
        dataDir = tempDir('menhu-demo-');
        const config = testConfig(dataDir.dir);
        const clock = manualClock();
        const db = store().db;
        const announcements = createAnnouncements(db, clock);
        const accounts = createAccounts({
          db,
          clock,
          secrets: loadSecrets(config),
          mailer: createMailer(config),
          audit: createAudit(db, clock),
          publicUrl: config.publicUrl,
          passwordMinLength: config.passwordMinLength,
        });
        return { db, clock, announcements, addOnce: () => addDemoDataOnce(db, announcements, accounts, clock) };
      }
      const demoAccounts = () => store().db.selectFrom('accounts').select(['account_name', 'status']).execute();

      it('adds two current announcements and the demo account on first start, and nothing on the next', async () => {
        const { clock, announcements, addOnce } = services();

        expect(await addOnce()).toBe(true);
        expect(await announcements.current()).toHaveLength(2);
        expect(await demoAccounts()).toEqual([{ account_name: DEMO_ACCOUNT.accountName, status: 'active' }]);

        clock.advance(DAY);
        expect(await addOnce()).toBe(false);
        expect(await announcements.all()).toHaveLength(2);
        expect(await demoAccounts()).toHaveLength(1);
      });

      it('does not come back after an operator removed it', async () => {
        const { db, announcements, addOnce } = services();
        await addOnce();
        await db.deleteFrom('announcements').execute();

        expect(await addOnce()).toBe(false);
        expect(await announcements.all()).toEqual([]);
      });

      it('is added once when two nodes start at the same time', async () => {
        const { announcements, addOnce } = services();

        const added = await Promise.all([addOnce(), addOnce()]);

        expect(added.filter(Boolean)).toHaveLength(1);
        expect(await announcements.all()).toHaveLength(2);
        expect(await demoAccounts()).toHaveLength(1);
      });
    });
  });
}
