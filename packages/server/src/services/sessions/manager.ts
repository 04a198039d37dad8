/**
 * The session model every flow uses: start, look up with idle and absolute time-outs, sign in, step up,
 * extend, end. The cookie carries a random token; the store knows only its SHA-256, so a leaked table or
 * Redis dump holds no usable cookie. Every change of who is signed in, or how strongly, issues a new token
 * (session fixation, OWASP Session Management cheat sheet).
 */
import { createHash, randomBytes } from 'node:crypto';
import { maxAcr, type Acr, type Amr } from '@menhu/protocol';
import type { Clock } from '../clock';
import type { SessionRecord } from './record';
import type { SessionStore } from './store';

export interface SessionTimeouts {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  /** How long before the end the page warns and offers to extend (DESIGN.md "Pages"). */
  readonly warningSeconds: number;
}

/** A session together with the cookie token that names it (only known right after it was issued or read). */
export interface LiveSession {
  readonly token: string;
  readonly record: SessionRecord;
}

export type LookupResult =
  | { readonly state: 'none' }
  | { readonly state: 'expired'; readonly wasSignedIn: boolean }
  | { readonly state: 'active'; readonly session: LiveSession };

/** Writing last-seen on every request would make each page view a database write; a minute's slack is enough. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * A timed-out session is kept this much longer (never usable) so that the browser that comes back can be told
 * "your session ended" instead of a puzzling form error; the first such look-up removes it.
 */
const EXPIRED_NOTICE_MS = 60 * 60_000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Enough of a User-Agent to recognise the browser on 登入中的裝置; clients may send anything. */
const MAX_USER_AGENT = 256;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionManager {
  readonly timeouts: SessionTimeouts;
  start(): Promise<LiveSession>;
  lookup(token: string | undefined): Promise<LookupResult>;
  /** Records activity (at most once a minute) so the idle time-out starts again. */
  touch(session: LiveSession, force?: boolean): Promise<LiveSession>;
  /** When the session ends if nothing more happens (ms). */
  expiresAt(record: SessionRecord): number;
  /** Whole seconds from now until then. */
  secondsLeft(record: SessionRecord): number;
  /** A sign-in: new token, new CSRF token, the absolute time-out starts now. */
  signIn(session: LiveSession, who: { accountId: string; acr: Acr; amr: readonly Amr[] }): Promise<LiveSession>;
  /** A further proof in the same session: acr can only rise, amr gains the new methods, new token. */
  stepUp(session: LiveSession, proof: { acr: Acr; amr: readonly Amr[] }): Promise<LiveSession>;
  /** Same person, new token (e.g. after a sensitive change). */
  renew(session: LiveSession): Promise<LiveSession>;
  /** Keeps flow state in the session. */
  update(session: LiveSession, data: Record<string, unknown>): Promise<LiveSession>;
  end(session: LiveSession): Promise<void>;
  endAllOf(accountId: string, exceptId?: string): Promise<number>;
  /** The account's sessions that are still usable, the most recently active first (登入中的裝置). */
  listOf(accountId: string): Promise<SessionRecord[]>;
  /**
   * Keeps where a signed-in session's sign-in came from, once: a session that already has it is given back
   * unchanged. Same token (this is no change of who is signed in).
   */
  noteOrigin(session: LiveSession, from: { readonly ip?: string | null; readonly userAgent?: string | null }): Promise<LiveSession>;
}

export function createSessionManager(store: SessionStore, clock: Clock, timeouts: SessionTimeouts): SessionManager {
  const newToken = () => randomBytes(32).toString('base64url');
  const expiresAt = (r: SessionRecord) =>
    Math.min(r.lastSeenAt + timeouts.idleSeconds * 1000, r.createdAt + timeouts.absoluteSeconds * 1000);

  async function save(token: string, record: SessionRecord): Promise<LiveSession> {
    await store.set(record, expiresAt(record) + EXPIRED_NOTICE_MS);
    return { token, record };
  }

  /** Moves the record to a new token; the old one stops working at once. */
  async function reissue(session: LiveSession, changes: Partial<SessionRecord>): Promise<LiveSession> {
    const token = newToken();
    const now = clock.now();
    const record: SessionRecord = {
      ...session.record,
      ...changes,
      id: hashToken(token),
      csrfToken: newToken(),
      lastSeenAt: now,
    };
    const saved = await save(token, record);
    await store.destroy(session.record.id);
    return saved;
  }

  return {
    timeouts,
    expiresAt,
    secondsLeft: (record) => Math.max(0, Math.floor((expiresAt(record) - clock.now()) / 1000)),
    async start() {
      const token = newToken();
      const now = clock.now();
      return save(token, {
        id: hashToken(token),
        accountId: null,
        acr: null,
        amr: [],
        authTime: null,
        createdAt: now,
        lastSeenAt: now,
        csrfToken: newToken(),
        data: {},
      });
    },
    async lookup(token) {
      if (!token || !TOKEN_PATTERN.test(token)) return { state: 'none' };
      const record = await store.get(hashToken(token));
      if (!record) return { state: 'none' };
      if (clock.now() >= expiresAt(record)) {
        await store.destroy(record.id);
        return { state: 'expired', wasSignedIn: record.accountId !== null };
      }
      return { state: 'active', session: { token, record } };
    },
    async touch(session, force = false) {
      const now = clock.now();
      if (!force && now - session.record.lastSeenAt < TOUCH_INTERVAL_MS) return session;
      return save(session.token, { ...session.record, lastSeenAt: now });
    },
    signIn(session, who) {
      const now = clock.now();
      return reissue(session, {
        accountId: who.accountId,
        acr: who.acr,
        amr: [...new Set(who.amr)],
        authTime: Math.floor(now / 1000),
        createdAt: now,
        // Flow state ends with a sign-in, except where the browser was going (an agency's sign-in request).
        data: typeof session.record.data.returnTo === 'string' ? { returnTo: session.record.data.returnTo } : {},
        // A new sign-in in an old browser session: where it came from is noted afresh (noteOrigin).
        signedInFrom: undefined,
      });
    },
    async stepUp(session, proof) {
      if (session.record.accountId === null) throw new TypeError('stepUp: the session is not signed in');
      return reissue(session, {
        acr: maxAcr(session.record.acr, proof.acr),
        amr: [...new Set([...session.record.amr, ...proof.amr])],
        authTime: Math.floor(clock.now() / 1000),
      });
    },
    renew(session) {
      return reissue(session, {});
    },
    update(session, data) {
      return save(session.token, { ...session.record, data: { ...session.record.data, ...data } });
    },
    end(session) {
      return store.destroy(session.record.id);
    },
    endAllOf(accountId, exceptId) {
      return store.destroyAllOf(accountId, exceptId);
    },
    async listOf(accountId) {
      const now = clock.now();
      const live = (await store.listOf(accountId)).filter((r) => r.accountId === accountId && now < expiresAt(r));
      return live.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    },
    async noteOrigin(session, from) {
      if (session.record.accountId === null || session.record.signedInFrom) return session;
      const userAgent = from.userAgent ? Array.from(from.userAgent).slice(0, MAX_USER_AGENT).join('') : null;
      return save(session.token, { ...session.record, signedInFrom: { ip: from.ip ?? null, userAgent } });
    },
  };
}
