/** Opens the platform for a one-off command, and closes it however the command ends. */
import { loadConfig } from '../config/schema';
import { createPlatform, type Platform } from '../platform';

export async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const platform = await createPlatform(config, { log: (m) => process.stderr.write(`menhu: ${m}\n`) });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}
