import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './schema';
import { loadSecrets } from './secrets';
import { tempDir } from '../../test/support/platform';

describe('generated secrets', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('are generated into DATA_DIR on first start, readable only by the owner, and reused afterwards', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const config = loadConfig({ DATA_DIR: tmp.dir });
    const first = loadSecrets(config);
    const file = path.join(tmp.dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.dataEncryptionKey).toHaveLength(32);
    const second = loadSecrets(config);
    expect(second.dataEncryptionKey.equals(first.dataEncryptionKey)).toBe(true);
    expect(second.lookupHashKey.equals(first.lookupHashKey)).toBe(true);
    expect(first.lookupHashKey.equals(first.dataEncryptionKey)).toBe(false);
  });

  it('come from the environment when given there, and are then not written to disk', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const key = Buffer.alloc(32, 9);
    const other = Buffer.alloc(32, 3);
    const config = loadConfig({ DATA_DIR: tmp.dir, DATA_ENCRYPTION_KEY: key.toString('base64'), LOOKUP_HASH_KEY: other.toString('base64') });
    const s = loadSecrets(config);
    expect(s.dataEncryptionKey.equals(key)).toBe(true);
    expect(() => readFileSync(path.join(tmp.dir, 'secrets.json'))).toThrow();
  });
});
