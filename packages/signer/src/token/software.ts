/**
 * softwareTokenProvider: a PKCS#12 file (key + certificate) behind the TokenProvider interface — the demo's
 * "card", for machines without a reader. It is named a software token everywhere: its one slot is
 * "Software token (not a card)", its token's label says so and `software` is true.
 *
 * The PIN is the PKCS#12 password, and it really is what unlocks the key: the file is read with `openssl
 * pkcs12` (OpenSSL 3, via child_process) — at start-up for the certificate, and again at every signature with
 * the PIN the page sent, so a wrong PIN fails at the file's MAC exactly as a card refuses it
 * (CARD_LOGIN_FAILED / WRONG_PIN). The key lives in memory only for the one signature; neither the PIN nor the
 * key is kept. Why openssl and not pkijs: pkijs can decrypt PFX files, but only with a good deal of
 * hand-written bag walking and only for the algorithms it implements; two `openssl pkcs12` commands read the
 * files OpenSSL 3 and the development CA write (PBES2, AES-256, HMAC-SHA256), and openssl is on every Linux
 * machine this was tested on. Older RC2/3DES files need re-exporting (docs/signer-install.md). The cost is one
 * process start per signature (tens of milliseconds), invisible next to a person typing a PIN.
 * The start-up password is needed because the certificate bag is encrypted too; it is used once and dropped.
 * Passwords and PINs go to openssl on stdin (`-passin stdin`), never on the command line where `ps` shows them.
 *
 * @example
 *   const token = await softwareTokenProvider('card.p12', '123456');
 *   const [slot] = await token.slots(); // slot.description === 'Software token (not a card)'
 */
import { spawn } from 'node:child_process';
import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { access } from 'node:fs/promises';
import { cardIdentity, parseCertificate } from '@menhu/pki';
import { LAST_ERROR, RET } from '../codes';
import { TokenError, type SignRequest, type SlotInfo, type TokenCertificate, type TokenInfo, type TokenProvider } from './types';

export const SOFTWARE_SLOT_DESCRIPTION = 'Software token (not a card)';
/** Card PINs are 6–8 digits (HiPKI checks the length before the card is touched); the demo file follows. */
const PIN_MIN = 6;
const PIN_MAX = 8;
const OPENSSL_TIMEOUT_MS = 15_000;

export interface SoftwareTokenOptions {
  /** The openssl executable. Default `openssl` from PATH. */
  readonly openssl?: string;
}

export async function softwareTokenProvider(p12File: string, password: string, options: SoftwareTokenOptions = {}): Promise<TokenProvider> {
  if (typeof p12File !== 'string' || p12File === '') throw new TypeError('softwareTokenProvider: give the PKCS#12 file');
  if (typeof password !== 'string' || password === '' || /[\r\n]/.test(password)) {
    throw new TypeError('softwareTokenProvider: give the PKCS#12 password (one line)');
  }
  const openssl = options.openssl ?? 'openssl';
  await access(p12File); // fails early, with the file name, when the file is missing
  const file = p12File;
  const certPem = await runPkcs12(openssl, file, password, ['-clcerts', '-nokeys']).catch((err: unknown) => {
    if (err instanceof TokenError && err.lastError === LAST_ERROR.WRONG_PIN) {
      throw new Error(`softwareTokenProvider: the password does not open ${p12File}`, { cause: err });
    }
    throw err;
  });
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certPem)?.[0];
  if (!pem) throw new Error(`softwareTokenProvider: ${p12File} holds no certificate with a key`);
  const der = new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  const parsed = parseCertificate(der, p12File);
  const identity = cardIdentity(parsed);
  // A stable, card-number-like serial (PrintableString-safe, as HiPKI's cardSN): not a secret, not the ID.
  const serialNumber = 'SW' + createHash('sha256').update(der).digest('hex').slice(0, 14).toUpperCase();
  const certificate: TokenCertificate = { der, id: createHash('sha1').update(der).digest('hex'), label: identity.name };
  const token: TokenInfo = {
    serialNumber,
    label: `Software token (not a card): ${identity.name}`,
    certificates: [certificate],
    pinState: 'ok',
    pinMinLength: PIN_MIN,
    pinMaxLength: PIN_MAX,
    software: true,
  };
  const slot: SlotInfo = { description: SOFTWARE_SLOT_DESCRIPTION, slotId: 0, token };
  let closed = false;

  return {
    async slots() {
      if (closed) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the software token is closed');
      return [slot];
    },
    async sign(request: SignRequest) {
      if (closed) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the software token is closed');
      if (request.tokenSerial !== undefined && request.tokenSerial !== serialNumber && request.tokenSerial !== token.label) {
        throw new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no such token');
      }
      if (request.slotDescription !== undefined && request.slotDescription !== SOFTWARE_SLOT_DESCRIPTION) {
        throw new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no token in that reader');
      }
      if (request.keyId !== undefined && request.keyId.toLowerCase() !== certificate.id) {
        throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'no key with that id');
      }
      if (typeof request.pin !== 'string' || request.pin.length < PIN_MIN || request.pin.length > PIN_MAX || /[\r\n]/.test(request.pin)) {
        throw new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.PIN_LENGTH, 'PIN length wrong');
      }
      const keyPem = await runPkcs12(openssl, file, request.pin, ['-nocerts', '-nodes']);
      let key: KeyObject;
      try {
        key = createPrivateKey(keyPem);
      } catch (err) {
        throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the PKCS#12 file holds no readable key', { cause: err });
      }
      const hash = request.hash.replace('-', '').toLowerCase();
      // RSA: RSASSA-PKCS1-v1_5 (as CKM_SHA256_RSA_PKCS); EC: raw r||s (as CKM_ECDSA), which the CMS builder wants.
      const signature =
        key.asymmetricKeyType === 'ec'
          ? cryptoSign(hash, request.data, { key, dsaEncoding: 'ieee-p1363' })
          : cryptoSign(hash, request.data, key);
      return { signature: new Uint8Array(signature), certificate, token };
    },
    async close() {
      closed = true;
    },
  };
}

/**
 * Runs `openssl pkcs12 -in <file> -passin stdin <args>`: the password goes on stdin (never on the command line,
 * where other users' `ps` would see it), and the PEM output comes back from stdout.
 */
function runPkcs12(openssl: string, file: string, password: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(openssl, ['pkcs12', '-in', file, '-passin', 'stdin', ...args], { timeout: OPENSSL_TIMEOUT_MS, windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (e) => reject(new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `could not run ${openssl}: ${e.message}`, { cause: e })));
    child.once('close', (code) => {
      if (code === 0) {
        resolve(Buffer.concat(out).toString('utf8'));
        return;
      }
      const message = Buffer.concat(err).toString('utf8');
      // OpenSSL 3 says "Mac verify error: invalid password?": the file's integrity MAC is keyed by the password.
      if (/mac verify|invalid password/i.test(message)) reject(new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.WRONG_PIN, 'wrong PIN'));
      else reject(new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `openssl pkcs12 failed: ${message.split('\n')[0] ?? ''}`));
    });
    child.stdin.on('error', () => undefined); // openssl may exit before it reads the line
    child.stdin.end(password + '\n');
  });
}
