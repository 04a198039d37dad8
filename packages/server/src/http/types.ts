/** What the platform's hooks add to Fastify's request and route configuration. */
import type { Lang } from '@menhu/protocol';
import type { LiveSession } from '../services/sessions/manager';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reader's language: explicit choice (cookie), else Accept-Language, else Traditional Chinese. */
    lang: Lang;
    /** The browser's session, when it has a live one (see ensureSession). */
    session: LiveSession | null;
    /** Set when the browser presented a session that has just timed out. */
    sessionExpired: { wasSignedIn: boolean } | null;
    /** The token the browser sent, to know whether the cookie must change. */
    sessionTokenIn: string | undefined;
  }
  interface FastifyContextConfig {
    /** false: no session look-up (assets, health). */
    session?: boolean;
    /** false: this request does not count as activity (status polls). */
    touch?: boolean;
    /** false: an unsafe method without a CSRF token is accepted (only for requests that cannot come from a page). */
    csrf?: boolean;
    /** Longest accepted form field, in characters. */
    maxFieldLength?: number;
  }
}

export {};
