import type { Acr, Amr } from '@menhu/protocol';

/**
 * What the server keeps about one browser. A session exists before sign-in too (it carries the CSRF token and
 * flow state); `accountId` is set by a sign-in, and `acr`/`amr`/`authTime` say how and when the person proved
 * who they are (OpenID Connect Core §2).
 */
export interface SessionRecord {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  readonly id: string;
  readonly accountId: string | null;
  readonly acr: Acr | null;
  readonly amr: readonly Amr[];
  /** Seconds since the epoch of the last sign-in or step-up (OIDC `auth_time`). */
  readonly authTime: number | null;
  /** Milliseconds; the absolute time-out runs from here (restarted by a sign-in). */
  readonly createdAt: number;
  /** Milliseconds; the idle time-out runs from here. */
  readonly lastSeenAt: number;
  /** Synchronizer token for forms (OWASP CSRF cheat sheet); replaced whenever the session id is. */
  readonly csrfToken: string;
  /** Per-flow state of later issues, kept small. */
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * Where the sign-in came from, for 登入中的裝置: noted on the answer that signed the browser in. Absent on
   * sessions that are not signed in, and on sessions signed in before it was kept.
   */
  readonly signedInFrom?: SignInOrigin;
}

/** The client address and the browser (its User-Agent, shortened) of a sign-in. */
export interface SignInOrigin {
  readonly ip: string | null;
  readonly userAgent: string | null;
}
