/**
 * Cards for HTTP tests: the development CA with its OCSP/CRL responder, citizen cards issued in memory, and what
 * the local component and a card panel's script would send. The PIN plays no part: the component keeps it.
 */
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import path from 'node:path';
import { buildChallengeSignedData, parseCertificate } from '@menhu/pki';
import { initDevCa, issueCard, startDevResponder, type DevResponder, type IssuedCard } from '@menhu/pki/devca';
import type { browser } from './http-browser';
import { freePort } from './ports';

/** The platform's public address in card tests: the origin our component signs into its answer. */
export const CARD_SITE = 'http://login.test';

export type Card = IssuedCard & { privateKeyPem: string };
export type Browser = ReturnType<typeof browser>;

export interface CardCa {
  readonly dir: string;
  /** TRUST_ANCHORS for the platform. */
  readonly trustDir: string;
  close(): Promise<void>;
}

/** A development CA under `root`, with its responder running (revocation fails closed without one). */
export async function startCardCa(root: string): Promise<CardCa> {
  const port = await freePort();
  const ca = await initDevCa(path.join(root, 'ca'), { baseUrl: `http://127.0.0.1:${port}`, caKeyAlgorithm: 'rsa-2048' });
  const responder: DevResponder = await startDevResponder(ca.dir, { port });
  return { dir: ca.dir, trustDir: ca.trustDir, close: () => responder.close() };
}

/** A citizen card; only the last four digits of `id` reach the certificate. */
export async function citizenCard(caDir: string, holder: { name: string; id: string }): Promise<Card> {
  return (await issueCard(caDir, { kind: 'citizen', name: holder.name, id: holder.id, output: { to: 'memory' } })) as Card;
}

/** What our component answers a MakeSignature with: the CMS over the tbs, with the calling site's origin. */
export async function componentAnswer(card: Card, challenge: { tbs: string; nonce: string }, origin = CARD_SITE) {
  const key = createPrivateKey(card.privateKeyPem);
  const der = await buildChallengeSignedData({
    tbs: challenge.tbs,
    nonce: new Uint8Array(Buffer.from(challenge.nonce, 'hex')),
    certificate: parseCertificate(card.certificateDer),
    sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)),
    signedOrigin: origin,
    cardSerial: 'TP03000012345678',
  });
  return { certb64: Buffer.from(card.certificateDer).toString('base64'), signature: Buffer.from(der).toString('base64'), cardSN: 'TP03000012345678' };
}

/**
 * A card service page's script (client/card-login.ts): open the page, get a challenge, have the component sign
 * it, post the answer with the page's fields. Returns the post's answer and what was posted, for replays.
 */
export async function cardService(b: Browser, page: string, post: string, card: Card, fields: Record<string, string>) {
  await b.get(page);
  const challenge = (await b.json('/login/card/challenge')).json() as { tbs: string; nonce: string };
  const posted = { ...fields, nonce: challenge.nonce, signatureType: 'PKCS7', ...(await componentAnswer(card, challenge)) };
  const res = await b.json(post, posted);
  return { res, body: res.json() as { redirect?: string; error?: string; message?: string }, posted };
}
