/**
 * `npm run sandbox`: the demo agency, against a platform that is already running (`npm start`). Registers it
 * through the platform's operator CLI the first time (and again when the platform no longer knows it), then
 * serves it on SANDBOX_PORT (default 4000).
 */
import { loadConfig, ConfigError } from './config';
import { createDemoAgencyApp } from './app';
import { credentialsAccepted, discoverPlatform, PlatformUnreachableError, reachPlatform } from './platform';
import { ensureRegistered, registerWithCli, RegistrationError } from './registration';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const say = (line: string) => process.stderr.write(`demo agency: ${line}\n`);
  try {
    const config = loadConfig(env);
    // Before anything is registered: the CLI would otherwise write an agency into a store nobody serves.
    await reachPlatform(config.platformUrl);
    const { credentials, registered, file } = await ensureRegistered({
      platformUrl: config.platformUrl,
      publicUrl: config.publicUrl,
      dataDir: config.dataDir,
      register: registerWithCli({ env }),
      accepted: (stored) => credentialsAccepted(config.platformUrl, stored),
    });
    say(`${registered ? 'registered with the platform as' : 'using its registration'} ${credentials.clientId} (kept in ${file})`);
    const oidc = await discoverPlatform(config.platformUrl, credentials);
    const app = await createDemoAgencyApp({ oidc, publicUrl: config.publicUrl, logger: { level: env['LOG_LEVEL'] || 'warn' } });
    await app.listen({ host: config.host, port: config.port });
    say(`示範機關 (Demo agency) is at ${config.publicUrl.href}, signing in through ${config.platformUrl.href}; Ctrl+C stops it`);
    const stop = () => void app.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      say(`configuration: ${err.message}`);
      return 78; // EX_CONFIG, as the platform
    }
    if (err instanceof PlatformUnreachableError) {
      say(`${err.message}. Start the platform first (npm start, in another terminal) or set PLATFORM_URL.`);
      return 69; // EX_UNAVAILABLE
    }
    if (err instanceof RegistrationError) {
      say(`could not register with the platform: ${err.message}`);
      say('The CLI must see the platform’s data: run this from the folder npm start runs in, with the same DATA_DIR / DATABASE_URL.');
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      say(`port ${env['SANDBOX_PORT'] || '4000'} is taken: set SANDBOX_PORT to another one`);
      return 1;
    }
    throw err;
  }
}
