/** Starts the platform: platform services, HTTP app, periodic clean-up; and stops it again. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/schema';
import { createPlatform, type Platform } from './platform';
import { buildApp } from './http/app';
import { startDevPki, type DevPki } from './services/dev-pki';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly platform: Platform;
  /** The development CA and demo card, when config.devPki. */
  readonly devPki: DevPki | undefined;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  readonly address: string;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const EXPIRY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export async function startServer(config: Config): Promise<RunningServer> {
  let app: FastifyInstance | undefined;
  const quiet = config.logLevel === 'silent';
  const early = (m: string) => (quiet ? undefined : void process.stderr.write(`menhu: ${m}\n`));
  // The development CA first: its trust folder is what card login trusts when TRUST_ANCHORS is not set.
  const devPki: DevPki | undefined = config.devPki ? await startDevPki(config, early) : undefined;
  let platform: Platform;
  try {
    platform = await createPlatform(config, {
      log: (m) => (app ? app.log.info(m) : early(m)),
      ...(devPki ? { trustAnchorsDir: devPki.trustDir } : {}),
    });
  } catch (err) {
    await devPki?.close();
    throw err;
  }
  try {
    app = await buildApp(platform);
    const address = await app.listen({ host: config.host, port: config.port });
    app.log.info({ publicUrl: config.publicUrl.origin, database: config.database.kind, redis: Boolean(config.redisUrl) }, `Menhu is serving on ${address}`);
    const sweep = setInterval(() => {
      platform.sessionStore.sweep?.().catch((err: unknown) => app?.log.error({ err }, 'session sweep failed'));
    }, SWEEP_INTERVAL_MS);
    sweep.unref();
    // The month-ahead expiry mail: each card once, whichever process claims it first (cards.expiry_warned_at).
    const warnExpiring = () =>
      platform.cardExpiry.warnExpiring().catch((err: unknown) => app?.log.error({ err }, 'card expiry warnings failed'));
    const expiry = setInterval(warnExpiring, EXPIRY_CHECK_INTERVAL_MS);
    expiry.unref();
    const started = app;
    return {
      app: started,
      platform,
      devPki,
      address,
      async close() {
        clearInterval(sweep);
        clearInterval(expiry);
        await started.close();
        await devPki?.close();
        await platform.close();
      },
    };
  } catch (err) {
    await app?.close();
    await devPki?.close();
    await platform.close();
    throw err;
  }
}
