/**
 * Field encryption for personal data at rest (DESIGN.md "Storage and scale"): AES-256-GCM with a random 96-bit
 * IV per value (NIST SP 800-38D §8.2.2), and a keyed HMAC-SHA-256 for look-ups that must not reveal the value.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** `v1.<iv>.<ciphertext>.<tag>`, base64url parts. `context` is bound as additional data (e.g. the column). */
export function encryptField(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, ct, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Throws when the value was altered, or encrypted under another key or context. */
export function decryptField(key: Buffer, sealed: string, context: string): string {
  const [version, iv, ct, tag] = sealed.split('.');
  if (version !== VERSION || !iv || ct === undefined || !tag) throw new Error('decryptField: not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function lookupHash(key: Buffer, value: string, context: string): string {
  return createHmac('sha256', key).update(context).update('\0').update(value).digest('hex');
}
