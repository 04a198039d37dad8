/**
 * Builds the Fastify application from a platform. The order of the hooks matters and is this file's job:
 * language → session → (body) → input limits → CSRF → route.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { MenhuError } from '@menhu/protocol';
import type { Platform } from '../platform';
import { availability as defaultAvailability, type Availability } from '../methods/availability';
import { headerProfiles } from './headers';
import { registerLanguage } from './language';
import { registerSessions } from './session';
import { registerCsrf } from './csrf';
import { BODY_LIMIT_BYTES, registerInputLimits } from './limits';
import { registerErrorHandling } from './errors';
import { registerAssets } from './assets';
import { loginRoutes } from '../routes/login';
import { pageRoutes } from '../routes/pages';
import { sessionRoutes } from '../routes/session';
import { healthRoutes } from '../routes/health';
import { registerRoutes } from '../routes/register';
import { accountRoutes } from '../routes/account';
import { envCheckRoutes } from '../routes/envcheck';
import { cardRoutes } from '../routes/card';
import { cardServiceRoutes } from '../routes/card-services';
import { totpRoutes } from '../routes/totp';
import { recoveryRoutes } from '../routes/recovery';
import { settingsRoutes } from '../routes/settings';
import { oidcRoutes } from '../routes/oidc';
import type { RouteDeps } from '../routes/deps';
import './types';

export interface AppOptions {
  readonly logger?: FastifyServerOptions['logger'];
  readonly methods?: Availability;
}

/** What the logs must never hold: cookies, tokens, passwords, PINs, ID numbers. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: REDACT },
    // Client addresses come from X-Forwarded-For only when the hop is a configured proxy (DESIGN.md "Abuse limits").
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const headers = headerProfiles(config.secureCookies);
  const withCard = platform.cardLogin !== undefined;
  const methods: Availability = options.methods ?? { ...defaultAvailability, card: withCard, cardActivate: withCard, cardReset: withCard };
  const deps: RouteDeps = { platform, headers, methods };

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(helmet, { ...headers.standard, enableCSPNonces: true });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    ...(platform.redis ? { redis: platform.redis, nameSpace: 'menhu:rl:' } : {}),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new MenhuError('ERR_RATE_LIMITED', 429, { params: { seconds: Math.ceil(context.ttl / 1000) } }), {
        statusCode: 429,
      }),
  });

  registerLanguage(app, config.secureCookies);
  registerSessions(app, platform.sessions, config.secureCookies);
  registerInputLimits(app);
  registerCsrf(app);
  registerErrorHandling(app, platform.sessions);
  await registerAssets(app);

  loginRoutes(app, deps);
  pageRoutes(app, deps);
  sessionRoutes(app, deps);
  healthRoutes(app, deps);
  registerRoutes(app, deps);
  accountRoutes(app, deps);
  envCheckRoutes(app, deps);
  cardRoutes(app, deps);
  cardServiceRoutes(app, deps);
  totpRoutes(app, deps);
  recoveryRoutes(app, deps);
  settingsRoutes(app, deps);
  oidcRoutes(app, deps);
  return app;
}
