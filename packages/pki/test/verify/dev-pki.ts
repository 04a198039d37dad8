/**
 * A development PKI for end-to-end tests and the benchmark: the dev CA in a temporary folder, its OCSP/CRL
 * responder on a free loopback port, and a way to sign a challenge with a card's key as our component would.
 */
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initDevCa, issueCard, startDevResponder, type DevCa, type DevResponder, type IssueCardOptions, type IssuedCard } from '../../src/devca';
import { parseCertificate } from '../../src/certificate';
import { buildChallengeSignedData } from '../../src/signature';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface DevPki {
  readonly dir: string;
  readonly ca: DevCa;
  readonly responder: DevResponder;
  issue(options: Omit<IssueCardOptions, 'output'>): Promise<IssuedCard & { privateKeyPem: string }>;
  close(): Promise<void>;
}

export async function startDevPki(): Promise<DevPki> {
  const dir = mkdtempSync(path.join(tmpdir(), 'menhu-devpki-'));
  const port = await freePort();
  // RSA-2048 CAs keep set-up fast; the profile is otherwise the dev CA's default.
  const ca = await initDevCa(path.join(dir, 'ca'), { baseUrl: `http://127.0.0.1:${port}`, caKeyAlgorithm: 'rsa-2048' });
  const responder = await startDevResponder(ca.dir, { port });
  return {
    dir: ca.dir,
    ca,
    responder,
    async issue(options) {
      const card = await issueCard(ca.dir, { ...options, output: { to: 'memory' } });
      if (!card.privateKeyPem) throw new Error('issueCard returned no key');
      return card as IssuedCard & { privateKeyPem: string };
    },
    async close() {
      // A test may have stopped the responder already (to see the login fail closed).
      await responder.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What our component returns for a MakeSignature: the CMS over the tbs, signed with the card's key. */
export async function componentSignature(
  card: IssuedCard & { privateKeyPem: string },
  challenge: { tbs: string; nonce: Uint8Array },
  extra: { signedOrigin?: string; cardSerial?: string } = {},
): Promise<{ certb64: string; signature: string }> {
  const key = createPrivateKey(card.privateKeyPem);
  const der = await buildChallengeSignedData({
    tbs: challenge.tbs,
    nonce: challenge.nonce,
    certificate: parseCertificate(card.certificateDer),
    sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)),
    ...extra,
  });
  return { certb64: Buffer.from(card.certificateDer).toString('base64'), signature: Buffer.from(der).toString('base64') };
}
