/**
 * Card states the software token never reaches by itself (final try, locked, no reader, no card), an expired
 * certificate, an EC card, and the software token's own start-up checks. The state doubles wrap the real
 * software token and are named as test doubles; everything else is real.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, parseCertificate, verifyChallengeSignature } from '@menhu/pki';
import { LAST_ERROR, RET } from '../../src/codes';
import { startSigner, type RunningSigner } from '../../src/server';
import { softwareTokenProvider } from '../../src/token/software';
import { TokenError, type SlotInfo, type TokenInfo, type TokenProvider } from '../../src/token/types';
import { CARD_PIN, formHeaders, makeSoftwareCard, request, signBody, type TestCard } from './support';

const TRUSTED = 'https://login.example.gov.tw';

function pkg(extra: Record<string, string> = {}) {
  return {
    tbs: `menhu.login.${randomBytes(6).toString('hex')}`, tbsEncoding: 'NONE', hashAlgorithm: 'SHA256', withCardSN: 'true',
    pin: CARD_PIN, nonce: randomBytes(32).toString('hex'), func: 'MakeSignature', signatureType: 'PKCS7', ...extra,
  };
}

/** Test double: the software token with its slots rewritten (a PIN state, or no reader / no card). */
function stateDouble(inner: TokenProvider, rewrite: (slots: readonly SlotInfo[]) => readonly SlotInfo[] | Promise<readonly SlotInfo[]>) {
  const double = {
    signs: 0,
    slots: async () => rewrite(await inner.slots()),
    sign: async (r: Parameters<TokenProvider['sign']>[0]) => {
      double.signs++;
      return inner.sign(r);
    },
    close: () => inner.close(),
  };
  return double;
}

const withPinState = (state: TokenInfo['pinState']) => (slots: readonly SlotInfo[]) =>
  slots.map((s) => (s.token ? { ...s, token: { ...s.token, pinState: state } } : s));

let card: TestCard;
const running: RunningSigner[] = [];

async function start(token: TokenProvider, now?: () => Date) {
  const signer = await startSigner({ token, trustedOrigins: [TRUSTED], port: 0, hosts: ['127.0.0.1'], version: 'states', ...(now ? { now } : {}) });
  running.push(signer);
  const send = (body: Record<string, string>, path = '/sign') =>
    request(signer.port, { path, headers: { ...formHeaders(TRUSTED), Host: `127.0.0.1:${signer.port}` }, body: signBody(body) });
  return { signer, send };
}

beforeAll(async () => {
  card = await makeSoftwareCard();
});

afterAll(async () => {
  for (const s of running) await s.close();
  card?.remove();
});

describe('card states', () => {
  it('refuses to spend a final PIN try over plain /sign: 0x76000999 with last_error 0x80000001, card untouched', async () => {
    const double = stateDouble(await softwareTokenProvider(card.p12, card.password), withPinState('final_try'));
    const { send } = await start(double);
    expect((await send(pkg())).json).toMatchObject({ ret_code: RET.CANCELLED, last_error: LAST_ERROR.WRONG_PIN_ONE_LEFT });
    expect(double.signs).toBe(0);
  });

  it('answers a locked card with 0x76100006/0xA4 without sending the PIN', async () => {
    const double = stateDouble(await softwareTokenProvider(card.p12, card.password), withPinState('locked'));
    const { send } = await start(double);
    expect((await send(pkg())).json).toMatchObject({ ret_code: RET.CARD_LOGIN_FAILED, last_error: LAST_ERROR.CARD_LOCKED });
    expect(double.signs).toBe(0);
  });

  it('passes the token\'s tries-left codes through (0x80000002 on a low count)', async () => {
    const inner = await softwareTokenProvider(card.p12, card.password);
    const double = {
      slots: () => inner.slots(),
      sign: async () => {
        throw new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.WRONG_PIN_TWO_LEFT, 'wrong PIN');
      },
      close: () => inner.close(),
    };
    const { send } = await start(double);
    const answer = await send(pkg());
    expect(answer.json).toMatchObject({ ret_code: RET.CARD_LOGIN_FAILED, last_error: 0x80000002 });
  });

  it('answers no reader with 0x76100003 and an empty reader with 0x76000006, in /sign and /pkcs11info', async () => {
    const inner = await softwareTokenProvider(card.p12, card.password);
    const noReader = await start({ ...stateDouble(inner, () => { throw new TokenError(RET.NO_READER, LAST_ERROR.NONE, 'no reader'); }) });
    expect((await noReader.send(pkg())).json.ret_code).toBe(RET.NO_READER);
    expect((await noReader.send({}, '/pkcs11info')).json).toMatchObject({ func: 'pkcs11info', ret_code: RET.NO_READER, slots: [] });

    const empty = await start(stateDouble(inner, () => [{ description: 'Virtual PCD 00 00', slotId: 0 }]));
    expect((await empty.send(pkg())).json.ret_code).toBe(RET.NO_CARD);
    expect((await empty.send({}, '/pkcs11info')).json).toMatchObject({ ret_code: 0, slots: [{ slotDescription: 'Virtual PCD 00 00', slotID: 0 }] });
  });

  it('chooses the reader by slotDescription', async () => {
    const inner = await softwareTokenProvider(card.p12, card.password);
    const [real] = await inner.slots();
    const double = stateDouble(inner, () => [{ description: 'Empty reader', slotId: 1 }, real!]);
    const { send } = await start(double);
    expect((await send(pkg({ slotDescription: 'Empty reader' }))).json.ret_code).toBe(RET.NO_CARD);
    expect((await send(pkg({ slotDescription: 'Software token (not a card)' }))).json.ret_code).toBe(0);
    expect((await send(pkg({ slotDescription: 'No such reader' }))).json.ret_code).toBe(RET.NO_READER);
    expect((await send(pkg())).json.ret_code).toBe(0); // no choice: the first reader with a card
  });

  it('answers an expired certificate with 0x76500002 before the PIN is used', async () => {
    const double = stateDouble(await softwareTokenProvider(card.p12, card.password), (s) => s);
    const { send } = await start(double, () => new Date(card.card.notAfter.getTime() + 1000));
    expect((await send(pkg())).json.ret_code).toBe(RET.CERT_EXPIRED);
    expect(double.signs).toBe(0);
  });
});

describe('software token', () => {
  it('refuses to start with a wrong password, naming the file', async () => {
    await expect(softwareTokenProvider(card.p12, '999999')).rejects.toThrow(/password does not open .*card\.p12/);
    await expect(softwareTokenProvider(`${card.p12}.missing`, CARD_PIN)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says it is a software token and signs with an EC key (raw r||s turned into CMS by packages/pki)', async () => {
    const ec = await makeSoftwareCard({ keyAlgorithm: 'ec-p256' });
    try {
      const token = await softwareTokenProvider(ec.p12, ec.password);
      const [slot] = await token.slots();
      expect(slot).toMatchObject({ description: 'Software token (not a card)', token: { software: true, pinState: 'ok' } });
      const { send } = await start(token);
      const p = pkg();
      const answer = await send(p);
      expect(answer.json.ret_code).toBe(0);
      const certificate = parseCertificate(decodeBase64(answer.json.certb64 as string, 'certb64', 16 * 1024));
      const verified = await verifyChallengeSignature({
        signatureType: 'PKCS7', signature: answer.json.signature as string, certificate,
        challenge: { tbs: p.tbs, nonce: new Uint8Array(Buffer.from(p.nonce, 'hex')) }, expectedOrigin: TRUSTED,
      });
      expect(verified.signedOrigin).toBe(TRUSTED);
      // PKCS1 with an EC key: raw r||s, which the platform's verifier converts.
      const raw = await send(pkg({ tbs: p.tbs, signatureType: 'PKCS1' }));
      expect(Buffer.from(raw.json.signature as string, 'base64')).toHaveLength(64);
      await expect(verifyChallengeSignature({ signatureType: 'PKCS1', signature: raw.json.signature as string, certificate, challenge: { tbs: p.tbs, nonce: new Uint8Array(4) }, expectedOrigin: TRUSTED })).resolves.toMatchObject({ verified: true });
    } finally {
      ec.remove();
    }
  });
});
