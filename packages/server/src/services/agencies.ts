/**
 * Agencies: the relying parties that sign citizens in through the platform's OpenID Connect provider
 * (DESIGN.md "Who uses it", "Assurance"). An operator registers one (`npx menhu agency add`), hands its
 * client_id and secret to the agency once, and may rotate the secret or disable the agency later.
 *
 * The secret is stored sealed (AES-256-GCM under the data key) rather than hashed, because oidc-provider
 * compares the presented secret with the clear one (client_secret_basic/post) and needs it as the HMAC key of
 * client_secret_jwt and HS256 ID tokens. The sealed value is bound to its row (the context names the
 * client_id), so it cannot be copied onto another agency. The secret is never written to the audit trail.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACR_LEVELS, isAcr, type Acr } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { insertAgency, selectAgencies, selectAgency, updateAgencySecret, updateAgencyStatus, type AgencyRow } from '../store/agencies';
import type { Audit } from './audit';
import type { Clock } from './clock';
import { decryptField, encryptField } from './crypto';

export const AGENCY_SCOPES = ['openid', 'profile', 'email', 'tw_id', 'offline_access'] as const;
export type AgencyScope = (typeof AGENCY_SCOPES)[number];

export type AgencyGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface AgencyInput {
  readonly name: string;
  /** https, or http only for localhost/127.0.0.1 (development); no fragments. */
  readonly redirectUris: readonly string[];
  /** Same rules as redirect URIs. */
  readonly postLogoutRedirectUris?: readonly string[];
  /** Same rules as redirect URIs. */
  readonly backchannelLogoutUri?: string;
  /** Default ['openid', 'profile', 'email']; 'openid' is always included. */
  readonly scopes?: readonly AgencyScope[];
  /** Default 'low'. */
  readonly minAcr?: Acr;
  /** Default false. */
  readonly totpRequired?: boolean;
  /** Default: the host of the first redirect URI (required when there are none). */
  readonly sector?: string;
  /** Allow the client_credentials grant (back ends). Default false. */
  readonly clientCredentials?: boolean;
  /** authorization_code (+ refresh_token when offline_access is allowed). Default: true when there are redirect URIs. */
  readonly interactive?: boolean;
}

export interface Agency {
  readonly clientId: string;
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly backchannelLogoutUri: string | null;
  readonly grantTypes: readonly AgencyGrantType[];
  readonly scopes: readonly AgencyScope[];
  readonly minAcr: Acr;
  readonly totpRequired: boolean;
  readonly sector: string;
  readonly status: 'active' | 'disabled';
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Every problem of an input at once, in English, for operators. */
export class AgencyInputError extends Error {
  override readonly name = 'AgencyInputError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.problems = problems;
  }
}

export interface Agencies {
  add(input: AgencyInput): Promise<{ agency: Agency; clientSecret: string }>;
  /** Every agency, active or disabled, oldest first. */
  list(): Promise<Agency[]>;
  /** Active or disabled: check `status`. */
  byClientId(clientId: string): Promise<Agency | undefined>;
  /**
   * The agency with its secret in clear, for the OIDC provider only. Undefined for a disabled agency as for an
   * unknown one, so a provider that looks clients up here refuses a disabled agency without a check of its own.
   */
  withSecret(clientId: string): Promise<{ agency: Agency; clientSecret: string } | undefined>;
  /** A new secret (shown once); the old one stops working at once. Throws when the client_id is unknown. */
  rotateSecret(clientId: string): Promise<string>;
  /** Throws when the client_id is unknown; disabling a disabled agency changes nothing else. */
  disable(clientId: string): Promise<void>;
}

export const AGENCY_LIMITS = { name: 200, uri: 2000, sector: 253 } as const;
const DEFAULT_SCOPES: readonly AgencyScope[] = ['openid', 'profile', 'email'];
/** http is allowed for these hosts only (a developer's machine), as OAuth 2.0 Security BCP §2.1 allows loopback. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);
/** RFC 4648 base32, lower case: readable, no punctuation, 5 bits a character. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const CLIENT_ID_PREFIX = 'agency-';
/** A DNS name (RFC 1123 labels), lower case: the sector pairwise subjects are computed for. */
const SECTOR_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Bound as additional data of the sealed secret: the column, and the row it belongs to. */
function secretContext(clientId: string): string {
  return `agencies.secret_enc:${clientId}`;
}

/** 'agency-' + 16 base32 characters: 80 random bits. */
function newClientId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return CLIENT_ID_PREFIX + out;
}

/** 32 random bytes, base64url (43 characters). */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

interface ValidAgency {
  readonly name: string;
  readonly redirectUris: string[];
  readonly postLogoutRedirectUris: string[];
  readonly backchannelLogoutUri: string | null;
  readonly grantTypes: AgencyGrantType[];
  readonly scopes: AgencyScope[];
  readonly minAcr: Acr;
  readonly totpRequired: boolean;
  readonly sector: string;
}

/** Checks one URI against the rules for redirect and logout URIs; pushes a problem and returns undefined when it breaks one. */
function checkUri(raw: string, what: string, problems: string[]): string | undefined {
  const value = raw.trim();
  const before = problems.length;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !value) {
    problems.push(`${what} "${raw}" is not an absolute URL`);
    return undefined;
  }
  if (url.protocol === 'http:') {
    if (!LOCAL_HOSTS.has(url.hostname)) problems.push(`${what} "${value}" uses http on a host other than localhost or 127.0.0.1; use https`);
  } else if (url.protocol !== 'https:') {
    problems.push(`${what} "${value}" must use https (or http on localhost or 127.0.0.1)`);
  }
  // RFC 6749 §3.1.2 and OIDC Back-Channel Logout §2.2: no fragment. An empty one ("…#") counts too.
  if (value.includes('#')) problems.push(`${what} "${value}" has a fragment (#…), which is not allowed`);
  if (url.username || url.password) problems.push(`${what} "${value}" contains a user name or password`);
  if (/\s/.test(value)) problems.push(`${what} "${value}" contains white space`);
  if (value.length > AGENCY_LIMITS.uri) problems.push(`${what} "${value.slice(0, 60)}…" is longer than ${AGENCY_LIMITS.uri} characters`);
  // Kept as typed (not URL-normalised): the provider compares redirect URIs with the agency's byte for byte.
  return problems.length === before ? value : undefined;
}

function checkUris(list: readonly string[] | undefined, what: string, problems: string[]): string[] {
  const out: string[] = [];
  for (const raw of list ?? []) {
    const value = checkUri(raw, what, problems);
    if (value !== undefined && !out.includes(value)) out.push(value);
  }
  return out;
}

/** Every problem at once: the operator fixes the command line in one go. */
function validate(input: AgencyInput): ValidAgency {
  const problems: string[] = [];

  const name = (input.name ?? '').normalize('NFC').trim();
  if (!name) problems.push('name is missing');
  // Counted in code points: a rare character outside the BMP counts once.
  else if ([...name].length > AGENCY_LIMITS.name) problems.push(`name is longer than ${AGENCY_LIMITS.name} characters`);

  const redirectUris = checkUris(input.redirectUris, 'redirect URI', problems);
  const postLogoutRedirectUris = checkUris(input.postLogoutRedirectUris, 'post-logout redirect URI', problems);
  const backchannelLogoutUri =
    input.backchannelLogoutUri === undefined ? null : (checkUri(input.backchannelLogoutUri, 'back-channel logout URI', problems) ?? null);

  const scopes = new Set<AgencyScope>(['openid']);
  for (const scope of input.scopes ?? DEFAULT_SCOPES) {
    if ((AGENCY_SCOPES as readonly string[]).includes(scope)) scopes.add(scope);
    else problems.push(`scope "${scope}" is not one of ${AGENCY_SCOPES.join(', ')}`);
  }

  const minAcr = input.minAcr ?? 'low';
  if (!isAcr(minAcr)) problems.push(`minimum assurance (acr) "${String(minAcr)}" is not one of ${ACR_LEVELS.join(', ')}`);

  const hasRedirects = (input.redirectUris ?? []).length > 0;
  const interactive = input.interactive ?? hasRedirects;
  const clientCredentials = input.clientCredentials ?? false;
  if (!interactive && !clientCredentials) {
    problems.push('the agency could obtain no token: give at least one redirect URI (citizens sign in) or allow client credentials (a back end)');
  }
  if (interactive && !hasRedirects) problems.push('interactive sign-in needs at least one redirect URI');
  if (!interactive) {
    if (hasRedirects) problems.push('redirect URIs are given but interactive sign-in is off');
    if ((input.postLogoutRedirectUris ?? []).length > 0) problems.push('post-logout redirect URIs need interactive sign-in (redirect URIs)');
    if (input.backchannelLogoutUri !== undefined) problems.push('a back-channel logout URI needs interactive sign-in (redirect URIs)');
    if (scopes.has('offline_access')) problems.push('scope offline_access needs interactive sign-in: refresh tokens come from a citizen signing in');
  }

  let sector = '';
  if (input.sector !== undefined) {
    sector = input.sector.trim().toLowerCase();
    if (!SECTOR_PATTERN.test(sector)) problems.push(`sector "${input.sector}" is not a host name (letters, digits, hyphens and dots)`);
  } else if (redirectUris[0] !== undefined) {
    sector = new URL(redirectUris[0]).hostname;
  } else if (!hasRedirects) {
    problems.push('sector is required when there are no redirect URIs');
  }

  if (problems.length > 0) throw new AgencyInputError(problems);

  const grantTypes: AgencyGrantType[] = [];
  if (interactive) {
    grantTypes.push('authorization_code');
    if (scopes.has('offline_access')) grantTypes.push('refresh_token');
  }
  if (clientCredentials) grantTypes.push('client_credentials');

  return {
    name,
    redirectUris,
    postLogoutRedirectUris,
    backchannelLogoutUri,
    grantTypes,
    // In the canonical order, whatever order they were given in.
    scopes: AGENCY_SCOPES.filter((s) => scopes.has(s)),
    minAcr: minAcr as Acr,
    totpRequired: input.totpRequired ?? false,
    sector,
  };
}

function parseStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const GRANT_TYPES: readonly AgencyGrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

function toAgency(row: AgencyRow): Agency {
  const scopes = row.scopes.split(' ');
  return {
    clientId: row.client_id,
    name: row.name,
    redirectUris: parseStringArray(row.redirect_uris),
    postLogoutRedirectUris: parseStringArray(row.post_logout_redirect_uris),
    backchannelLogoutUri: row.backchannel_logout_uri,
    grantTypes: GRANT_TYPES.filter((g) => parseStringArray(row.grant_types).includes(g)),
    scopes: AGENCY_SCOPES.filter((s) => scopes.includes(s)),
    // A value the code does not know (a hand-edited row) fails closed: the highest level.
    minAcr: isAcr(row.min_acr) ? row.min_acr : 'high',
    totpRequired: row.totp_required !== 0,
    sector: row.sector,
    status: row.status === 'active' ? 'active' : 'disabled',
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function unknownAgency(clientId: string): Error {
  return new Error(`no agency with client_id "${clientId}"`);
}

export function createAgencies(deps: { db: Kysely<Database>; clock: Clock; dataEncryptionKey: Buffer; audit: Audit }): Agencies {
  const { db, clock, dataEncryptionKey, audit } = deps;
  const seal = (clientId: string, secret: string) => encryptField(dataEncryptionKey, secret, secretContext(clientId));

  return {
    async add(input) {
      const valid = validate(input);
      const clientId = newClientId();
      const clientSecret = newSecret();
      const now = clock.now();
      await insertAgency(db, {
        client_id: clientId,
        name: valid.name,
        secret_enc: seal(clientId, clientSecret),
        redirect_uris: JSON.stringify(valid.redirectUris),
        post_logout_redirect_uris: JSON.stringify(valid.postLogoutRedirectUris),
        grant_types: JSON.stringify(valid.grantTypes),
        backchannel_logout_uri: valid.backchannelLogoutUri,
        scopes: valid.scopes.join(' '),
        min_acr: valid.minAcr,
        totp_required: valid.totpRequired ? 1 : 0,
        sector: valid.sector,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
      const agency: Agency = { clientId, ...valid, status: 'active', createdAt: new Date(now), updatedAt: new Date(now) };
      await audit.record({
        event: 'agency.add',
        outcome: 'success',
        detail: {
          clientId,
          name: agency.name,
          redirectUris: agency.redirectUris,
          grantTypes: agency.grantTypes,
          scopes: agency.scopes,
          minAcr: agency.minAcr,
          totpRequired: agency.totpRequired,
          sector: agency.sector,
        },
      });
      return { agency, clientSecret };
    },

    async list() {
      return (await selectAgencies(db)).map(toAgency);
    },

    async byClientId(clientId) {
      const row = await selectAgency(db, clientId);
      return row ? toAgency(row) : undefined;
    },

    async withSecret(clientId) {
      const row = await selectAgency(db, clientId);
      if (!row || row.status !== 'active') return undefined;
      return { agency: toAgency(row), clientSecret: decryptField(dataEncryptionKey, row.secret_enc, secretContext(row.client_id)) };
    },

    async rotateSecret(clientId) {
      const clientSecret = newSecret();
      if (!(await updateAgencySecret(db, clientId, seal(clientId, clientSecret), clock.now()))) throw unknownAgency(clientId);
      await audit.record({ event: 'agency.rotate_secret', outcome: 'success', detail: { clientId } });
      return clientSecret;
    },

    async disable(clientId) {
      const before = await selectAgency(db, clientId);
      if (!before || !(await updateAgencyStatus(db, clientId, 'disabled', clock.now()))) throw unknownAgency(clientId);
      await audit.record({ event: 'agency.disable', outcome: 'success', detail: { clientId, name: before.name, wasStatus: before.status } });
    },
  };
}
