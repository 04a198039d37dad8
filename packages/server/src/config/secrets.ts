/**
 * Keys the platform needs but the environment did not give. A demo or a developer's machine gets them generated
 * once into DATA_DIR/secrets.json (mode 0600) and reused at every start, so encrypted data stays readable.
 * Several nodes behind a load balancer must share keys: set them in the environment there.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './schema';

export interface Secrets {
  /** AES-256-GCM key for ID numbers and TOTP secrets (DESIGN.md "Storage and scale"). */
  readonly dataEncryptionKey: Buffer;
  /** HMAC-SHA-256 key for look-up hashes of ID numbers. */
  readonly lookupHashKey: Buffer;
}

type Stored = Partial<Record<keyof Secrets, string>>;

export function loadSecrets(config: Config, log: (msg: string) => void = () => {}): Secrets {
  const file = path.join(config.dataDir, 'secrets.json');
  const stored: Stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Stored) : {};
  let changed = false;
  const pick = (name: keyof Secrets, fromEnv: string | undefined): Buffer => {
    if (fromEnv) return Buffer.from(fromEnv, 'base64');
    let value = stored[name];
    if (!value) {
      value = randomBytes(32).toString('base64');
      stored[name] = value;
      changed = true;
    }
    return Buffer.from(value, 'base64');
  };
  const secrets: Secrets = {
    dataEncryptionKey: pick('dataEncryptionKey', config.keys.dataEncryptionKey),
    lookupHashKey: pick('lookupHashKey', config.keys.lookupHashKey),
  };
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    log(`generated missing keys into ${file}; set them in the environment when running several nodes`);
  }
  return secrets;
}
