/**
 * The PKCS#11 provider against real SoftHSM2 tokens holding development-CA cards: an RSA citizen card on CARD1,
 * an EC P-256 card on CARD2, in a token folder of this file's own (SOFTHSM2_CONF set before the module is first
 * initialised). All SoftHSM tests live in this one file: a PKCS#11 library is initialised once per process.
 */
import { X509Certificate, verify } from 'node:crypto';
import path from 'node:path';
import { initDevCa, issueCard, type IssuedCard } from '@menhu/pki/devca';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_ERROR, RET } from '../../src/codes';
import { pkcs11TokenProvider } from '../../src/token/pkcs11';
import type { TokenProvider } from '../../src/token/types';
import { initSoftHsmToken, SOFTHSM_MODULE, softHsmAvailable, softHsmConfig, tempDir } from './support';

const haveSoftHsm = softHsmAvailable();
const PIN = '123456';
const WRONG_PIN = '987123';
const tmp = tempDir('menhu-signer-softhsm-');
// Before anything loads the module: SoftHSM2 reads its configuration in C_Initialize.
const { env } = softHsmConfig(path.join(tmp.dir, 'hsm'));

const tbs = new TextEncoder().encode('menhu.example_nonce-0123456789abcdef.2026-11-28T12-00-00Z');

describe.skipIf(!haveSoftHsm)('PKCS#11 cards on SoftHSM2', () => {
  let rsaCard: IssuedCard;
  let ecCard: IssuedCard;
  let provider: TokenProvider;
  let serial1: string;
  let serial2: string;

  beforeAll(async () => {
    const ca = path.join(tmp.dir, 'ca');
    await Promise.all([initSoftHsmToken(env, 'CARD1', PIN), initSoftHsmToken(env, 'CARD2', PIN), initDevCa(ca, { caKeyAlgorithm: 'rsa-2048' })]);
    const onToken = (tokenLabel: string) => ({ to: 'token', module: SOFTHSM_MODULE, tokenLabel, pin: PIN, env, keyId: '01' }) as const;
    rsaCard = await issueCard(ca, { kind: 'citizen', name: '王小明', id: 'A123456789', output: onToken('CARD1') });
    ecCard = await issueCard(ca, { kind: 'citizen', name: '陳大文', id: 'A123456789', keyAlgorithm: 'ec-p256', output: onToken('CARD2') });
    provider = pkcs11TokenProvider({ module: SOFTHSM_MODULE, name: 'SoftHSM2' });
    const slots = await provider.slots();
    serial1 = slots.find((s) => s.token?.label === 'CARD1')!.token!.serialNumber;
    serial2 = slots.find((s) => s.token?.label === 'CARD2')!.token!.serialNumber;
  });
  afterAll(async () => {
    await provider?.close();
    tmp.remove();
  });

  const tokenState = async (label: string) => (await provider.slots()).find((s) => s.token?.label === label)?.token?.pinState;

  it('lists every slot, and the initialised tokens with serial, label, PIN limits and their certificates', async () => {
    const slots = await provider.slots();
    // Two tokens and SoftHSM's spare, uninitialised slot, which is shown without a token.
    expect(slots).toHaveLength(3);
    expect(slots.filter((s) => s.token === undefined)).toHaveLength(1);
    const card1 = slots.find((s) => s.token?.label === 'CARD1')!;
    expect(card1.description).toMatch(/^SoftHSM slot ID 0x[0-9a-f]+$/);
    // Serial and label come without PKCS#11's blank padding.
    expect(card1.token!.serialNumber).toMatch(/^[0-9a-f]{16}$/);
    expect(card1.token).toMatchObject({ label: 'CARD1', pinState: 'ok', pinMinLength: 4, pinMaxLength: 255, software: false });
    expect(card1.token!.certificates).toHaveLength(1);
    const cert = card1.token!.certificates[0]!;
    expect(cert).toMatchObject({ id: '01', label: '王小明' });
    expect(Buffer.from(cert.der)).toEqual(Buffer.from(rsaCard.certificateDer));
    expect(new X509Certificate(cert.der).serialNumber.toLowerCase()).toBe(rsaCard.serial.toLowerCase());
  });

  it('signs with the right PIN (CKM_SHA256_RSA_PKCS), verifiable with the card certificate', async () => {
    const result = await provider.sign({ tokenSerial: serial1, pin: PIN, data: tbs, hash: 'SHA-256' });
    expect(Buffer.from(result.certificate.der)).toEqual(Buffer.from(rsaCard.certificateDer));
    expect(result.signature).toHaveLength(256);
    const publicKey = new X509Certificate(rsaCard.certificateDer).publicKey;
    expect(verify('sha256', tbs, publicKey, result.signature)).toBe(true);
    expect(verify('sha256', new TextEncoder().encode('something else'), publicKey, result.signature)).toBe(false);
  });

  it('finds the card by its label and by its reader name, never by slot index', async () => {
    const byLabel = await provider.sign({ tokenSerial: 'CARD1', pin: PIN, data: tbs, hash: 'SHA-384' });
    expect(verify('sha384', tbs, new X509Certificate(rsaCard.certificateDer).publicKey, byLabel.signature)).toBe(true);
    const reader = (await provider.slots()).find((s) => s.token?.label === 'CARD2')!.description;
    const byReader = await provider.sign({ slotDescription: reader, pin: PIN, data: tbs, hash: 'SHA-256' });
    expect(Buffer.from(byReader.certificate.der)).toEqual(Buffer.from(ecCard.certificateDer));
  });

  it('answers "no card" for a serial no token has, and refuses to guess between two cards', async () => {
    await expect(provider.sign({ tokenSerial: 'NO-SUCH-CARD', pin: PIN, data: tbs, hash: 'SHA-256' })).rejects.toMatchObject({ retCode: RET.NO_CARD });
    await expect(provider.sign({ pin: PIN, data: tbs, hash: 'SHA-256' })).rejects.toMatchObject({ retCode: RET.COMPONENT_ERROR });
  });

  it('refuses a PIN shorter or longer than the token allows before logging in, so no try is spent', async () => {
    expect(await tokenState('CARD1')).toBe('ok');
    for (const pin of ['123', '1'.repeat(256)]) {
      await expect(provider.sign({ tokenSerial: serial1, pin, data: tbs, hash: 'SHA-256' })).rejects.toMatchObject({
        retCode: RET.CARD_LOGIN_FAILED,
        lastError: LAST_ERROR.PIN_LENGTH,
      });
    }
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW on any failed C_Login, short PINs included (it answers
    // CKR_PIN_INCORRECT, not CKR_PIN_LEN_RANGE): the flag still clear proves C_Login was never called.
    expect(await tokenState('CARD1')).toBe('ok');
  });

  it('answers a wrong PIN with "two tries left", because SoftHSM sets CKF_USER_PIN_COUNT_LOW, and never shows the PIN', async () => {
    const err = await provider.sign({ tokenSerial: serial1, pin: WRONG_PIN, data: tbs, hash: 'SHA-256' }).catch((e: unknown) => e);
    // SoftHSM2 never locks and never sets FINAL_TRY (STACK-NOTES.md): after a failed C_Login it reports only
    // COUNT_LOW, which DESIGN.md maps to 0x80000002 — so this is what a SoftHSM token answers, every time.
    expect(err).toMatchObject({ name: 'TokenError', retCode: RET.CARD_LOGIN_FAILED, lastError: LAST_ERROR.WRONG_PIN_TWO_LEFT });
    expect(await tokenState('CARD1')).toBe('count_low');
    const text = `${(err as Error).message} ${String((err as Error).cause)} ${JSON.stringify(err)}`;
    expect(text).not.toContain(WRONG_PIN);

    // A second wrong PIN: still only COUNT_LOW. Then the right PIN signs and clears the flag.
    await expect(provider.sign({ tokenSerial: serial1, pin: '000000', data: tbs, hash: 'SHA-256' })).rejects.toMatchObject({
      lastError: LAST_ERROR.WRONG_PIN_TWO_LEFT,
    });
    const ok = await provider.sign({ tokenSerial: serial1, pin: PIN, data: tbs, hash: 'SHA-256' });
    expect(ok.token.pinState).toBe('ok');
    expect(await tokenState('CARD1')).toBe('ok');
  });

  it('signs with an EC P-256 card as raw r||s of 64 bytes over SHA-256 (CKM_ECDSA)', async () => {
    const result = await provider.sign({ tokenSerial: serial2, pin: PIN, data: tbs, hash: 'SHA-256' });
    expect(result.signature).toHaveLength(64);
    const publicKey = new X509Certificate(ecCard.certificateDer).publicKey;
    expect(verify('sha256', tbs, { key: publicKey, dsaEncoding: 'ieee-p1363' }, result.signature)).toBe(true);
    // Not DER: a DER ECDSA signature starts with SEQUENCE (0x30) and is 70–72 bytes.
    expect(verify('sha256', tbs, { key: publicKey, dsaEncoding: 'der' }, result.signature)).toBe(false);
  });

  it('refuses an expired certificate before asking for the PIN', async () => {
    const later = pkcs11TokenProvider({ module: SOFTHSM_MODULE, now: () => new Date(rsaCard.notAfter.getTime() + 1000) });
    try {
      await expect(later.sign({ tokenSerial: serial1, pin: WRONG_PIN, data: tbs, hash: 'SHA-256' })).rejects.toMatchObject({ retCode: RET.CERT_EXPIRED });
      // The wrong PIN was never tried.
      expect(await tokenState('CARD1')).toBe('ok');
    } finally {
      await later.close();
    }
  });

  it('shares one module instance between providers: closing one leaves the other working', async () => {
    const second = pkcs11TokenProvider({ module: SOFTHSM_MODULE });
    const [a, b] = await Promise.all([
      second.sign({ tokenSerial: serial1, pin: PIN, data: tbs, hash: 'SHA-256' }),
      provider.sign({ tokenSerial: serial2, pin: PIN, data: tbs, hash: 'SHA-256' }),
    ]);
    expect(a.signature).toHaveLength(256);
    expect(b.signature).toHaveLength(64);
    await second.close();
    await expect(second.slots()).rejects.toMatchObject({ retCode: RET.COMPONENT_ERROR });
    expect(await tokenState('CARD1')).toBe('ok');
  });
});
