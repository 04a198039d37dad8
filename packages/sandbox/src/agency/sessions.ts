/**
 * The demo agency's browser sessions, in this process's memory: the sign-in under way (PKCE verifier, state,
 * nonce, the level asked for) and, once back, what the platform said about the citizen. A real agency keeps
 * these in its own session store; a demo that forgets them on restart only asks the citizen to sign in again.
 *
 * The browser holds only a random session id (256 bits) in an HttpOnly, SameSite=Lax cookie, so the code,
 * tokens and verifier never leave the server, and a callback is accepted only in the browser that started it.
 */
import { randomBytes } from 'node:crypto';
import type { Acr } from '@menhu/protocol';

export interface PendingSignIn {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly acr: Acr;
  readonly startedAt: number;
}

export interface SignedIn {
  readonly idToken: string;
  readonly idTokenClaims: Readonly<Record<string, unknown>>;
  readonly userinfo: Readonly<Record<string, unknown>>;
  readonly askedAcr: Acr;
}

interface Entry {
  pending?: PendingSignIn;
  signedIn?: SignedIn;
  expiresAt: number;
}

/** A sign-in not finished in this long is forgotten; the platform's own interaction lasts 30 minutes at most. */
export const PENDING_TTL_MS = 30 * 60_000;
/** How long the demo remembers a signed-in citizen without activity. */
export const SESSION_TTL_MS = 8 * 3600_000;
/** An upper bound on memory, whatever a client does: the oldest sessions go first. */
const MAX_SESSIONS = 10_000;

export interface SessionStore {
  newId(): string;
  get(id: string | undefined): { pending?: PendingSignIn; signedIn?: SignedIn } | undefined;
  /** Remembers a sign-in started now (replacing one under way in the same browser). */
  startSignIn(id: string, pending: Omit<PendingSignIn, 'startedAt'>): void;
  /** The pending sign-in of this session, removed (single use), if it has not expired. */
  takePending(id: string | undefined): PendingSignIn | undefined;
  finishSignIn(id: string, signedIn: SignedIn): void;
  end(id: string | undefined): SignedIn | undefined;
}

export function createSessionStore(now: () => number = Date.now): SessionStore {
  const entries = new Map<string, Entry>();

  function live(id: string | undefined): Entry | undefined {
    if (!id) return undefined;
    const entry = entries.get(id);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(id);
      return undefined;
    }
    return entry;
  }

  function put(id: string, entry: Entry): void {
    entries.delete(id); // Map keeps insertion order: re-inserting makes it the newest.
    entries.set(id, entry);
    while (entries.size > MAX_SESSIONS) entries.delete(entries.keys().next().value!);
  }

  return {
    newId: () => randomBytes(32).toString('base64url'),
    get(id) {
      const entry = live(id);
      return entry ? { ...(entry.pending ? { pending: entry.pending } : {}), ...(entry.signedIn ? { signedIn: entry.signedIn } : {}) } : undefined;
    },
    startSignIn(id, pending) {
      const entry = live(id) ?? { expiresAt: 0 };
      put(id, { ...entry, pending: { ...pending, startedAt: now() }, expiresAt: Math.max(entry.expiresAt, now() + PENDING_TTL_MS) });
    },
    takePending(id) {
      const entry = live(id);
      const pending = entry?.pending;
      if (!entry || !pending) return undefined;
      delete entry.pending;
      return pending.startedAt + PENDING_TTL_MS > now() ? pending : undefined;
    },
    finishSignIn(id, signedIn) {
      put(id, { signedIn, expiresAt: now() + SESSION_TTL_MS });
    },
    end(id) {
      const entry = live(id);
      if (id) entries.delete(id);
      return entry?.signedIn;
    },
  };
}
