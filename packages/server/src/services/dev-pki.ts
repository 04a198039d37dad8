/**
 * The demo's card side (README "Run it"): on a developer's machine with no TRUST_ANCHORS, the platform keeps a
 * development CA under DATA_DIR/devca, a demo citizen card for the demo account as a PKCS#12 software token,
 * and runs the CA's OCSP responder and CRLs while it runs. Made once; later starts reuse it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { initDevCa, issueCard, startDevResponder, STATE_FILE, type DevResponder } from '@menhu/pki/devca';
import type { Config } from '../config/schema';
import { DEMO_ACCOUNT } from './demo';
import { freePort } from './free-port';

/** The software token's password is also the PIN a page asks for: 6–8 digits, like a card's. */
export const DEMO_CARD_PIN = '123456';

export interface DevPki {
  readonly dir: string;
  readonly trustDir: string;
  readonly demoCard: string;
  readonly responder: DevResponder | undefined;
  close(): Promise<void>;
}


export async function startDevPki(config: Config, log: (msg: string) => void): Promise<DevPki> {
  const dir = path.join(config.dataDir, 'devca');
  const demoCard = path.join(dir, 'demo-card.p12');
  if (!existsSync(path.join(dir, STATE_FILE))) {
    const port = config.devPkiPort === 0 ? await freePort() : config.devPkiPort;
    log('creating the development CA (a few seconds, once)');
    await initDevCa(dir, { baseUrl: `http://127.0.0.1:${port}` });
  }
  if (!existsSync(demoCard)) {
    await issueCard(dir, {
      kind: 'citizen',
      name: DEMO_ACCOUNT.displayName,
      id: DEMO_ACCOUNT.idNumber,
      output: { to: 'pkcs12', file: demoCard, password: DEMO_CARD_PIN },
    });
  }
  let responder: DevResponder | undefined;
  try {
    responder = await startDevResponder(dir);
    log(`development CA: trust anchors in ${path.join(dir, 'trust')}, OCSP and CRLs on ${responder.url}`);
  } catch (err) {
    // Another platform on this machine may serve the same port; card checks then fail closed, nothing else does.
    log(`development CA: its OCSP responder could not start (${(err as Error).message})`);
  }
  log(`demo card: npx menhu-signer --software-token ${demoCard} --trust ${config.publicUrl.origin}  (PIN ${DEMO_CARD_PIN})`);
  return {
    dir,
    trustDir: path.join(dir, 'trust'),
    demoCard,
    responder,
    close: async () => responder?.close(),
  };
}
