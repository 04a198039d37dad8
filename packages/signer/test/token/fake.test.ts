/**
 * The fake token (tests only), for what SoftHSM2 cannot show: a card's PIN tries running out, and a locked card.
 * It answers through the same rules as the PKCS#11 provider.
 */
import { X509Certificate, verify } from 'node:crypto';
import path from 'node:path';
import { initDevCa, issueCard, type IssuedCard } from '@menhu/pki/devca';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_ERROR, RET, unsigned } from '../../src/codes';
import { FAKE_READER, FAKE_TOKEN_LABEL, FakeToken } from '../../src/token/fake';
import { tempDir } from './support';

const PIN = '123456';
const data = new TextEncoder().encode('menhu.example_nonce-0123456789abcdef');
const request = (pin: string) => ({ pin, data, hash: 'SHA-256' }) as const;

describe('FakeToken', () => {
  const tmp = tempDir('menhu-signer-fake-');
  let rsa: IssuedCard;
  let ec: IssuedCard;
  const fake = (card: IssuedCard, extra: Partial<ConstructorParameters<typeof FakeToken>[0]> = {}) =>
    new FakeToken({ certificate: card.certificateDer, privateKey: card.privateKeyPem!, pin: PIN, ...extra });

  beforeAll(async () => {
    const ca = path.join(tmp.dir, 'ca');
    await initDevCa(ca, { caKeyAlgorithm: 'rsa-2048' });
    rsa = await issueCard(ca, { kind: 'citizen', name: '王小明', id: 'A123456789', output: { to: 'memory' } });
    ec = await issueCard(ca, { kind: 'citizen', name: '王小明', id: 'A123456789', keyAlgorithm: 'ec-p256', output: { to: 'memory' } });
  });
  afterAll(() => tmp.remove());

  it('says it is a fake in its label and its reader', async () => {
    const slots = await fake(rsa).slots();
    expect(slots).toEqual([expect.objectContaining({ description: FAKE_READER, token: expect.objectContaining({ label: FAKE_TOKEN_LABEL, pinState: 'ok' }) })]);
    expect(FAKE_TOKEN_LABEL).toContain('FAKE');
  });

  it('counts down a 3-try card: two tries left (0x80000002), one left (0x80000001), then locked (0xA4)', async () => {
    const card = fake(rsa);
    const codes: number[] = [];
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const err = (await card.sign(request('000000')).then(
        () => undefined,
        (e: unknown) => e,
      )) as { retCode: number; lastError: number };
      expect(err).toMatchObject({ name: 'TokenError', retCode: RET.CARD_LOGIN_FAILED });
      codes.push(unsigned(err.lastError));
      states.push((await card.slots())[0]!.token!.pinState);
    }
    expect(codes).toEqual([0x80000002, 0x80000001, LAST_ERROR.CARD_LOCKED]);
    expect(states).toEqual(['count_low', 'final_try', 'locked']);
    // Locked for good: the right PIN is refused too, without asking the card.
    const attempts = card.loginAttempts;
    await expect(card.sign(request(PIN))).rejects.toMatchObject({ retCode: RET.CARD_LOGIN_FAILED, lastError: LAST_ERROR.CARD_LOCKED });
    expect(card.loginAttempts).toBe(attempts);
  });

  it('gives the tries back after the right PIN', async () => {
    const card = fake(rsa);
    await expect(card.sign(request('000000'))).rejects.toMatchObject({ lastError: LAST_ERROR.WRONG_PIN_TWO_LEFT });
    const ok = await card.sign(request(PIN));
    expect(ok.token.pinState).toBe('ok');
    await expect(card.sign(request('000000'))).rejects.toMatchObject({ lastError: LAST_ERROR.WRONG_PIN_TWO_LEFT });
  });

  it('answers a card locked from the start with 0xA4 and never tries the PIN', async () => {
    const card = fake(rsa, { locked: true });
    expect((await card.slots())[0]!.token!.pinState).toBe('locked');
    await expect(card.sign(request(PIN))).rejects.toMatchObject({ retCode: RET.CARD_LOGIN_FAILED, lastError: LAST_ERROR.CARD_LOCKED });
    expect(card.loginAttempts).toBe(0);
  });

  it('refuses a PIN of the wrong length, and no PIN, without spending a try', async () => {
    const card = fake(rsa);
    for (const pin of ['12345', '123456789']) {
      await expect(card.sign(request(pin))).rejects.toMatchObject({ retCode: RET.CARD_LOGIN_FAILED, lastError: LAST_ERROR.PIN_LENGTH });
    }
    await expect(card.sign(request(''))).rejects.toMatchObject({ retCode: RET.NO_PIN });
    expect(card.loginAttempts).toBe(0);
    expect(card.pinState).toBe('ok');
  });

  it('refuses an expired certificate before the PIN, and answers "no card" when the card is out', async () => {
    const expired = fake(rsa, { now: () => new Date(rsa.notAfter.getTime() + 1000) });
    await expect(expired.sign(request('000000'))).rejects.toMatchObject({ retCode: RET.CERT_EXPIRED });
    expect(expired.loginAttempts).toBe(0);
    const out = fake(rsa);
    out.setInserted(false);
    expect((await out.slots())[0]!.token).toBeUndefined();
    await expect(out.sign(request(PIN))).rejects.toMatchObject({ retCode: RET.NO_CARD });
  });

  it('signs RSA PKCS#1 v1.5 and EC raw r||s that verify with the certificates', async () => {
    const r = await fake(rsa).sign(request(PIN));
    expect(verify('sha256', data, new X509Certificate(rsa.certificateDer).publicKey, r.signature)).toBe(true);
    const e = await fake(ec).sign(request(PIN));
    expect(e.signature).toHaveLength(64);
    expect(verify('sha256', data, { key: new X509Certificate(ec.certificateDer).publicKey, dsaEncoding: 'ieee-p1363' }, e.signature)).toBe(true);
  });
});
