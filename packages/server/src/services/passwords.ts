/**
 * Password hashing with argon2id (RFC 9106), at OWASP's recommended minimum for argon2id: 19 MiB of memory,
 * 2 iterations, 1 lane (about 6 ms a hash on this project's 2-core machines), and the list of common and
 * breached passwords that registration refuses (NIST SP 800-63B §5.1.1.2).
 */
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm, which isolated modules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(normalised: string): Promise<string> {
  return hash(normalised, OPTIONS);
}

export async function verifyPassword(stored: string, normalised: string): Promise<boolean> {
  try {
    return await verify(stored, normalised);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A check against a hash no password matches, so that an unknown account name costs the same time as a known
 * one with a wrong password (no timing oracle for which names exist).
 */
export async function spendVerificationTime(normalised: string): Promise<void> {
  dummy ??= hash('menhu-no-account-has-this-password', OPTIONS);
  await verifyPassword(await dummy, normalised);
}

let common: Set<string> | undefined;

/**
 * About 49,000 passwords seen most often in breaches, shipped in @zxcvbn-ts/language-common (MIT). Loaded
 * on first use; compared in lower case.
 */
export function isCommonPassword(lowerCased: string): boolean {
  if (!common) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set((dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()));
    if (common.size < 10_000) throw new Error('the common-password list did not load');
  }
  return common.has(lowerCased);
}
