/**
 * Agencies (the OpenID Connect clients) on both engines: registration, the sealed secret, rotation, disabling,
 * the audit trail, and every problem an operator's input can have.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Acr } from '@menhu/protocol';
import { AgencyInputError, createAgencies, type AgencyInput, type AgencyScope } from '../../src/services/agencies';
import { createAudit } from '../../src/services/audit';
import { decryptField } from '../../src/services/crypto';
import { manualClock } from '../support/platform';
import { storageEngines, useStore } from './engines';

const engines = await storageEngines();

const PORTAL: AgencyInput = { name: '內政部 戶政服務', redirectUris: ['https://ris.gov.tw/oidc/callback'] };

for (const engine of engines) {
  describe.skipIf(!engine.available)(`agencies on ${engine.name}`, () => {
    const store = useStore(engine);
    const setUp = () => {
      const clock = manualClock();
      const key = randomBytes(32);
      const audit = createAudit(store().db, clock);
      return { clock, key, audit, agencies: createAgencies({ db: store().db, clock, dataEncryptionKey: key, audit }) };
    };

    /** Every problem add() names for an input, and that nothing was written. */
    async function problemsOf(input: AgencyInput): Promise<readonly string[]> {
      const { agencies } = setUp();
      const err = await agencies.add(input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AgencyInputError);
      expect(await agencies.list()).toEqual([]);
      expect(await store().db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
      return (err as AgencyInputError).problems;
    }

    it('add registers an interactive agency with the defaults, and list and byClientId find it', async () => {
      const { agencies, clock } = setUp();
      const { agency, clientSecret } = await agencies.add(PORTAL);

      expect(agency.clientId).toMatch(/^agency-[a-z2-7]{16}$/);
      expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(clientSecret, 'base64url')).toHaveLength(32);
      expect(agency).toEqual({
        clientId: agency.clientId,
        name: '內政部 戶政服務',
        redirectUris: ['https://ris.gov.tw/oidc/callback'],
        postLogoutRedirectUris: [],
        backchannelLogoutUri: null,
        grantTypes: ['authorization_code'],
        scopes: ['openid', 'profile', 'email'],
        minAcr: 'low',
        totpRequired: false,
        sector: 'ris.gov.tw',
        status: 'active',
        createdAt: new Date(clock.now()),
        updatedAt: new Date(clock.now()),
      });
      expect(await agencies.list()).toEqual([agency]);
      expect(await agencies.byClientId(agency.clientId)).toEqual(agency);
      expect(await agencies.byClientId('agency-aaaaaaaaaaaaaaaa')).toBeUndefined();
      expect(await agencies.withSecret(agency.clientId)).toEqual({ agency, clientSecret });
    });

    it('add keeps every option, always includes openid, and derives refresh_token from offline_access', async () => {
      const { agencies } = setUp();
      const { agency } = await agencies.add({
        name: '  財政部 電子申報  ',
        redirectUris: ['https://tax.example.gov.tw/cb', 'http://localhost:8080/cb', 'http://127.0.0.1:9000/cb', 'https://tax.example.gov.tw/cb'],
        postLogoutRedirectUris: ['https://tax.example.gov.tw/bye'],
        backchannelLogoutUri: 'https://tax.example.gov.tw/backchannel?from=menhu',
        scopes: ['offline_access', 'tw_id', 'email'],
        minAcr: 'high',
        totpRequired: true,
        sector: 'MOF.gov.tw',
        clientCredentials: true,
      });
      expect(agency).toMatchObject({
        name: '財政部 電子申報',
        // Duplicates dropped, order and spelling kept (the provider compares byte for byte).
        redirectUris: ['https://tax.example.gov.tw/cb', 'http://localhost:8080/cb', 'http://127.0.0.1:9000/cb'],
        postLogoutRedirectUris: ['https://tax.example.gov.tw/bye'],
        backchannelLogoutUri: 'https://tax.example.gov.tw/backchannel?from=menhu',
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        scopes: ['openid', 'email', 'tw_id', 'offline_access'],
        minAcr: 'high',
        totpRequired: true,
        sector: 'mof.gov.tw',
      });
      expect(await agencies.byClientId(agency.clientId)).toEqual(agency);
    });

    it('add registers a back end with client credentials only, given its sector', async () => {
      const { agencies } = setUp();
      const { agency } = await agencies.add({ name: '勞動部 勞保查驗', redirectUris: [], clientCredentials: true, sector: 'bli.gov.tw' });
      expect(agency).toMatchObject({ redirectUris: [], grantTypes: ['client_credentials'], sector: 'bli.gov.tw', scopes: ['openid', 'profile', 'email'] });
    });

    it('lists agencies oldest first, each with a client_id of its own', async () => {
      const { agencies, clock } = setUp();
      const first = (await agencies.add({ ...PORTAL, name: 'B first' })).agency;
      clock.advance(1000);
      const second = (await agencies.add({ ...PORTAL, name: 'A second' })).agency;
      expect(first.clientId).not.toBe(second.clientId);
      expect((await agencies.list()).map((a) => a.name)).toEqual(['B first', 'A second']);
    });

    it('stores the secret sealed under the data key, bound to its row, and never audits it', async () => {
      const { agencies, key } = setUp();
      const { agency, clientSecret } = await agencies.add(PORTAL);
      const rotated = await agencies.rotateSecret(agency.clientId);

      const row = await store().db.selectFrom('agencies').selectAll().where('client_id', '=', agency.clientId).executeTakeFirstOrThrow();
      expect(row.secret_enc).toMatch(/^v1\./);
      expect(row.secret_enc).not.toContain(rotated);
      expect(decryptField(key, row.secret_enc, `agencies.secret_enc:${agency.clientId}`)).toBe(rotated);
      // Copied onto another agency's row, it no longer opens.
      expect(() => decryptField(key, row.secret_enc, 'agencies.secret_enc:agency-other')).toThrow();

      const audit = await store().db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(audit.map((r) => [r.event, r.outcome])).toEqual([
        ['agency.add', 'success'],
        ['agency.rotate_secret', 'success'],
      ]);
      const everything = JSON.stringify(audit);
      expect(everything).toContain(agency.clientId);
      expect(everything).not.toContain(clientSecret);
      expect(everything).not.toContain(rotated);
      expect(everything).not.toContain(row.secret_enc);
    });

    it('rotateSecret replaces the secret: the old one is gone, the new one is what withSecret gives', async () => {
      const { agencies, clock } = setUp();
      const { agency, clientSecret } = await agencies.add(PORTAL);
      clock.advance(60_000);
      const rotated = await agencies.rotateSecret(agency.clientId);
      expect(rotated).not.toBe(clientSecret);
      expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const found = await agencies.withSecret(agency.clientId);
      expect(found?.clientSecret).toBe(rotated);
      expect(found?.agency.updatedAt).toEqual(new Date(clock.now()));
      expect(found?.agency.createdAt).toEqual(agency.createdAt);
    });

    it('disable keeps the agency for the record, refuses its secret to the provider, and is audited', async () => {
      const { agencies, audit, clock } = setUp();
      const { agency } = await agencies.add(PORTAL);
      clock.advance(1000);
      const other = (await agencies.add({ ...PORTAL, name: 'other' })).agency;
      clock.advance(1000);
      await agencies.disable(agency.clientId);

      expect(await agencies.byClientId(agency.clientId)).toMatchObject({ status: 'disabled', updatedAt: new Date(clock.now()) });
      expect(await agencies.withSecret(agency.clientId)).toBeUndefined();
      expect((await agencies.list()).map((a) => [a.clientId, a.status])).toEqual([
        [agency.clientId, 'disabled'],
        [other.clientId, 'active'],
      ]);
      expect(await agencies.withSecret(other.clientId)).toBeDefined();
      const events = await audit.list({ limit: 10 });
      expect(events.find((e) => e.event === 'agency.disable')).toMatchObject({ outcome: 'success' });
      expect(JSON.stringify(events.find((e) => e.event === 'agency.disable'))).toContain(agency.clientId);
    });

    it('rotateSecret and disable name an unknown client_id, and write nothing', async () => {
      const { agencies } = setUp();
      await expect(agencies.rotateSecret('agency-nosuchagency0000')).rejects.toThrow('no agency with client_id "agency-nosuchagency0000"');
      await expect(agencies.disable('agency-nosuchagency0000')).rejects.toThrow('no agency with client_id "agency-nosuchagency0000"');
      expect(await store().db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    });

    it('refuses http on a host other than localhost or 127.0.0.1, in every kind of URI', async () => {
      const problems = await problemsOf({
        name: 'x',
        redirectUris: ['http://ris.gov.tw/cb'],
        postLogoutRedirectUris: ['http://ris.gov.tw/bye'],
        backchannelLogoutUri: 'http://10.0.0.1/bc',
      });
      expect(problems).toEqual([
        'redirect URI "http://ris.gov.tw/cb" uses http on a host other than localhost or 127.0.0.1; use https',
        'post-logout redirect URI "http://ris.gov.tw/bye" uses http on a host other than localhost or 127.0.0.1; use https',
        'back-channel logout URI "http://10.0.0.1/bc" uses http on a host other than localhost or 127.0.0.1; use https',
      ]);
    });

    it('refuses a fragment, even an empty one, a relative URI, another scheme and credentials in the URI', async () => {
      const problems = await problemsOf({
        name: 'x',
        redirectUris: ['https://ris.gov.tw/cb#done', 'https://ris.gov.tw/cb#', '/cb', 'javascript:alert(1)', 'https://user:pw@ris.gov.tw/cb'],
      });
      expect(problems).toEqual([
        'redirect URI "https://ris.gov.tw/cb#done" has a fragment (#…), which is not allowed',
        'redirect URI "https://ris.gov.tw/cb#" has a fragment (#…), which is not allowed',
        'redirect URI "/cb" is not an absolute URL',
        'redirect URI "javascript:alert(1)" must use https (or http on localhost or 127.0.0.1)',
        'redirect URI "https://user:pw@ris.gov.tw/cb" contains a user name or password',
      ]);
    });

    it('refuses an unknown scope and an unknown acr', async () => {
      const problems = await problemsOf({
        ...PORTAL,
        scopes: ['openid', 'address' as AgencyScope],
        minAcr: 'medium' as Acr,
      });
      expect(problems).toEqual([
        'scope "address" is not one of openid, profile, email, tw_id, offline_access',
        'minimum assurance (acr) "medium" is not one of low, substantial, high',
      ]);
    });

    it('refuses an agency with no redirect URI and no client credentials, which could obtain no token', async () => {
      const problems = await problemsOf({ name: 'x', redirectUris: [] });
      expect(problems).toEqual([
        'the agency could obtain no token: give at least one redirect URI (citizens sign in) or allow client credentials (a back end)',
        'sector is required when there are no redirect URIs',
      ]);
    });

    it('refuses a back end without a sector, and logout URIs or offline_access without sign-in', async () => {
      const problems = await problemsOf({
        name: 'x',
        redirectUris: [],
        clientCredentials: true,
        postLogoutRedirectUris: ['https://a.gov.tw/bye'],
        backchannelLogoutUri: 'https://a.gov.tw/bc',
        scopes: ['openid', 'offline_access'],
      });
      expect(problems).toEqual([
        'post-logout redirect URIs need interactive sign-in (redirect URIs)',
        'a back-channel logout URI needs interactive sign-in (redirect URIs)',
        'scope offline_access needs interactive sign-in: refresh tokens come from a citizen signing in',
        'sector is required when there are no redirect URIs',
      ]);
    });

    it('refuses interactive sign-in without redirect URIs, and redirect URIs with sign-in turned off', async () => {
      expect(await problemsOf({ name: 'x', redirectUris: [], interactive: true, clientCredentials: true, sector: 'a.gov.tw' })).toEqual([
        'interactive sign-in needs at least one redirect URI',
      ]);
      expect(await problemsOf({ ...PORTAL, interactive: false, clientCredentials: true })).toEqual([
        'redirect URIs are given but interactive sign-in is off',
      ]);
    });

    it('names every problem at once: empty name, bad sector, bad URI, bad scope', async () => {
      const problems = await problemsOf({
        name: '   ',
        redirectUris: ['http://example.com/cb'],
        scopes: ['everything' as AgencyScope],
        sector: 'not a host!',
      });
      expect(problems).toEqual([
        'name is missing',
        'redirect URI "http://example.com/cb" uses http on a host other than localhost or 127.0.0.1; use https',
        'scope "everything" is not one of openid, profile, email, tw_id, offline_access',
        'sector "not a host!" is not a host name (letters, digits, hyphens and dots)',
      ]);
      const err = new AgencyInputError(problems);
      expect(err.message).toBe(problems.join('; '));
    });

    it('refuses a name longer than 200 characters, counting a rare character once', async () => {
      expect(await problemsOf({ ...PORTAL, name: '𠀀'.repeat(201) })).toEqual(['name is longer than 200 characters']);
      const { agencies } = setUp();
      expect((await agencies.add({ ...PORTAL, name: '𠀀'.repeat(200) })).agency.name).toBe('𠀀'.repeat(200));
    });
  });
}
