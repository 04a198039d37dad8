/**
 * `menhu pki init|issue|revoke|serve`: the development PKI, so card login can be run and tested without a
 * real card (DESIGN.md "Card login"). The work is done by @menhu/pki/devca; this file only reads the command
 * line and prints the outcome. Its DevCaErrors carry operator-ready English, which main() prints.
 * `menhu pki check` answers an operator's "why does this card fail?" against the configured trust anchors.
 */
import { readFileSync } from 'node:fs';
import {
  cardIdentity,
  certificatesFromPem,
  checkPathRevocation,
  isPkiError,
  loadTrustStore,
  memoryRevocationCache,
  nodeHttpClient,
  parseCertificate,
  systemClock,
  validateCardCertificate,
  nameToString,
  type RevocationOk,
} from '@menhu/pki';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import {
  CARD_KINDS,
  KEY_ALGORITHMS,
  REVOCATION_REASONS,
  initDevCa,
  isKeyAlgorithm,
  isRevocationReason,
  issueCard,
  revoke,
  startDevResponder,
  type CardKind,
  type CardOutput,
  type KeyAlgorithm,
  type RevocationReason,
} from '@menhu/pki/devca';

function parseKeyAlgorithm(value: string): KeyAlgorithm {
  if (!isKeyAlgorithm(value)) throw new InvalidArgumentError(`use one of ${KEY_ALGORITHMS.join(', ')}`);
  return value;
}

function parsePositiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return Number(value);
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError(`"${value}" is not a port number`);
  return Number(value);
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError(`"${value}" is not a date; use ISO 8601, e.g. 2031-12-31 or 2031-12-31T23:59:59Z`);
  return date;
}

function parseReason(value: string): RevocationReason {
  if (!isRevocationReason(value)) throw new InvalidArgumentError(`use one of ${Object.keys(REVOCATION_REASONS).join(', ')}`);
  return value;
}

interface IssueOptions {
  name: string;
  id?: string;
  businessId?: string;
  keyAlgorithm?: KeyAlgorithm;
  days?: number;
  notBefore?: Date;
  notAfter?: Date;
  bmp?: boolean;
  keyOut?: string;
  certOut?: string;
  p12?: string;
  p12Password?: string;
  module?: string;
  tokenLabel?: string;
  pin?: string;
  keyId?: string;
  label?: string;
  json?: boolean;
}

/**
 * Exactly one destination: key + certificate files, a PKCS#12 file, or a PKCS#11 token. Plain Errors, because
 * main() prints those (a CommanderError thrown from an action would end the command silently).
 */
function outputOf(opts: IssueOptions): CardOutput {
  const files = opts.keyOut !== undefined || opts.certOut !== undefined;
  const p12 = opts.p12 !== undefined || opts.p12Password !== undefined;
  const token = opts.module !== undefined || opts.tokenLabel !== undefined || opts.pin !== undefined;
  if (Number(files) + Number(p12) + Number(token) !== 1) {
    throw new Error('choose one destination: --key-out and --cert-out, or --p12 and --p12-password, or --module, --token-label and --pin');
  }
  if (files) {
    if (!opts.keyOut || !opts.certOut) throw new Error('--key-out and --cert-out go together');
    return { to: 'files', keyFile: opts.keyOut, certFile: opts.certOut };
  }
  if (p12) {
    if (!opts.p12 || !opts.p12Password) throw new Error('--p12 and --p12-password go together');
    return { to: 'pkcs12', file: opts.p12, password: opts.p12Password };
  }
  if (!opts.module || !opts.tokenLabel || !opts.pin) throw new Error('a token needs --module, --token-label and --pin');
  return {
    to: 'token',
    module: opts.module,
    tokenLabel: opts.tokenLabel,
    pin: opts.pin,
    ...(opts.keyId ? { keyId: opts.keyId } : {}),
    ...(opts.label ? { label: opts.label } : {}),
  };
}

export function pkiCommand(): Command {
  const pki = new Command('pki').description('the development PKI: a GRCA-like root, MOICA/MOEACA/GCA-like issuers, cards, OCSP and CRLs (development only)');

  pki
    .command('init')
    .argument('<dir>', 'folder for the CA (created); point TRUST_ANCHORS at <dir>/trust')
    .description('make a development CA: root, three issuers and their OCSP responders')
    .option('--base-url <url>', 'where `menhu pki serve` will answer; goes into every CRL and OCSP URL', 'http://127.0.0.1:8888')
    .option('--ca-key <algorithm>', `key of the root and issuers: ${KEY_ALGORITHMS.join(', ')} (default rsa-4096, as GRCA G3 and MOICA-G3)`, parseKeyAlgorithm)
    .option('--force', 'replace a CA already in <dir>')
    .action(async (dir: string, opts: { baseUrl: string; caKey?: KeyAlgorithm; force?: boolean }) => {
      const ca = await initDevCa(dir, { baseUrl: opts.baseUrl, ...(opts.caKey ? { caKeyAlgorithm: opts.caKey } : {}), force: opts.force ?? false });
      const lines = [
        `development CA created in ${ca.dir}`,
        ...Object.entries(ca.cas).map(([id, c]) => `  ${id.padEnd(7)} serial ${c.serial}  ${c.file}`),
        `trust anchors: TRUST_ANCHORS=${ca.trustDir}`,
        `OCSP and CRLs: menhu pki serve ${ca.dir}   (certificates point at ${ca.baseUrl})`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });

  pki
    .command('issue')
    .addArgument(new Argument('<kind>', 'citizen (MOICA-like), business (MOEACA-like) or agency (GCA-like)').choices(CARD_KINDS))
    .argument('<dir>', 'the development CA folder')
    .description('issue a card certificate: to key and certificate files, a PKCS#12 file, or a key made on a PKCS#11 token')
    .requiredOption('--name <name>', "the holder's name (CN), kept exactly, rare characters included")
    .option('--id <number>', 'citizen: the full ID number (only its last four digits go into the certificate)')
    .option('--business-id <number>', 'business: the 8-digit 統一編號')
    .option('--key-algorithm <algorithm>', `${KEY_ALGORITHMS.join(', ')} (default rsa-2048, as real cards)`, parseKeyAlgorithm)
    .option('--days <n>', 'validity in days (default: 5 years, as a physical citizen card)', parsePositiveInteger)
    .option('--not-before <date>', 'start of validity (ISO 8601), for tests of not-yet-valid cards', parseDate)
    .option('--not-after <date>', 'end of validity (ISO 8601), for tests of expired cards', parseDate)
    .option('--bmp', 'encode the name as BMPString instead of UTF8String')
    .option('--key-out <file>', 'write the private key (PKCS#8 PEM, unencrypted) here')
    .option('--cert-out <file>', 'write the certificate (PEM) here')
    .option('--p12 <file>', 'write a PKCS#12 file (key, certificate, issuer chain) here')
    .option('--p12-password <password>', 'password of the PKCS#12 file')
    .option('--module <path>', 'PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so (needs pkcs11-tool from opensc)')
    .option('--token-label <label>', 'the token, by label')
    .option('--pin <pin>', 'the token user PIN')
    .option('--key-id <hex>', 'CKA_ID for the key pair and certificate on the token (default: random)')
    .option('--label <label>', "CKA_LABEL on the token (default: the holder's name)")
    .addOption(new Option('--json', 'print the result as JSON'))
    .action(async (kind: CardKind, dir: string, opts: IssueOptions) => {
      const output = outputOf(opts);
      const validity = {
        ...(opts.notBefore ? { notBefore: opts.notBefore } : {}),
        ...(opts.notAfter ? { notAfter: opts.notAfter } : {}),
        ...(opts.days ? { days: opts.days } : {}),
      };
      const card = await issueCard(dir, {
        kind,
        name: opts.name,
        ...(opts.id !== undefined ? { id: opts.id } : {}),
        ...(opts.businessId !== undefined ? { businessId: opts.businessId } : {}),
        ...(opts.keyAlgorithm ? { keyAlgorithm: opts.keyAlgorithm } : {}),
        ...(Object.keys(validity).length > 0 ? { validity } : {}),
        ...(opts.bmp ? { nameEncoding: 'bmp' as const } : {}),
        output,
      });
      if (opts.json) {
        const { certificateDer: _der, ...printable } = card;
        return void process.stdout.write(JSON.stringify(printable) + '\n');
      }
      const lines = [
        `issued ${card.kind} card ${card.serial} by ${card.issuer}`,
        `  subject  ${card.subject}`,
        `  valid    ${card.notBefore.toISOString()} – ${card.notAfter.toISOString()}`,
        ...card.files.map((f) => `  wrote    ${f}`),
        ...(card.token ? [`  token    "${card.token.tokenLabel}": key pair and certificate with id ${card.token.keyId}, label "${card.token.label}"`] : []),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });

  pki
    .command('revoke')
    .argument('<dir>', 'the development CA folder')
    .argument('<serial>', 'serial number in hex, as `openssl x509 -serial` prints it')
    .description('revoke a certificate; a running `menhu pki serve` shows it at once')
    .option('--reason <reason>', `${Object.keys(REVOCATION_REASONS).join(', ')}`, parseReason, 'unspecified' as RevocationReason)
    .action(async (dir: string, serial: string, opts: { reason: RevocationReason }) => {
      const r = await revoke(dir, serial, opts.reason);
      process.stdout.write(`revoked ${r.serial} (${r.subject}, issued by ${r.issuer}) at ${r.revokedAt.toISOString()}: ${r.reason}\n`);
    });

  pki
    .command('serve')
    .argument('<dir>', 'the development CA folder')
    .description('answer OCSP and publish CRLs and CA certificates for the development CA, until stopped (SIGTERM or Ctrl-C)')
    .option('--port <port>', "port (default: the port of the CA's base URL, 8888 unless init was told otherwise)", parsePort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (dir: string, opts: { port?: number; host: string }) => {
      const responder = await startDevResponder(dir, {
        host: opts.host,
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
      });
      process.stdout.write(`development OCSP responder and CRLs on ${responder.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await responder.close();
    });

  pki
    .command('check')
    .argument('<cert>', 'the card certificate, PEM or DER')
    .description('check a card certificate as a login would (path, purpose, policy, revocation) and say why it fails')
    .option('--trust <dir>', 'folder of trusted CA certificates (default: TRUST_ANCHORS)')
    .option('--at <time>', 'check as of this time (ISO 8601; default now)', parseDate)
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { trust?: string; at?: Date; json?: boolean }) => {
      const trustDir = opts.trust ?? process.env.TRUST_ANCHORS;
      if (!trustDir) throw new Error('no trust anchors: pass --trust <dir> or set TRUST_ANCHORS');
      const report = await checkCard(readFileSync(file), trustDir, opts.at ?? systemClock.now());
      if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else process.stdout.write(formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });

  return pki;
}

interface CheckReport {
  ok: boolean;
  subject?: string;
  serial?: string;
  identity?: ReturnType<typeof cardIdentity>;
  path?: { subject: string; notBefore: string; notAfter: string }[];
  revocation?: (Pick<RevocationOk, 'status' | 'source'> & { url?: string })[];
  error?: { code: string; detail: string };
}

async function checkCard(bytes: Buffer, trustDir: string, at: Date): Promise<CheckReport> {
  const report: CheckReport = { ok: false };
  try {
    const text = bytes.toString('latin1');
    const cert = text.includes('-----BEGIN CERTIFICATE-----') ? certificatesFromPem(text)[0]! : parseCertificate(new Uint8Array(bytes));
    report.subject = nameToString(cert.subject);
    report.serial = Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase();
    report.identity = cardIdentity(cert);
    const trustStore = loadTrustStore(trustDir);
    const card = validateCardCertificate({ endEntity: cert, trustStore, at });
    report.path = card.path.map((p) => ({
      subject: nameToString(p.certificate.subject),
      notBefore: p.certificate.notBefore.value.toISOString(),
      notAfter: p.certificate.notAfter.value.toISOString(),
    }));
    const clock = { now: () => at };
    const results = await checkPathRevocation(card.path.map((p) => p.certificate), { clock, http: nodeHttpClient(), cache: memoryRevocationCache(clock) });
    report.revocation = results.map((r) => ({ status: r.status, source: r.source, ...(r.url ? { url: r.url } : {}) }));
    report.ok = true;
  } catch (err) {
    if (!isPkiError(err)) throw err;
    report.error = { code: err.code, detail: err.detail };
  }
  return report;
}

function formatReport(r: CheckReport): string {
  const lines = [`certificate  ${r.subject ?? '(unreadable)'}${r.serial ? `  serial ${r.serial}` : ''}`];
  if (r.identity) {
    const i = r.identity;
    lines.push(`identity     ${i.kind}: ${i.name}${i.idLastFour ? `, ID ends ${i.idLastFour}` : ''}${i.businessId ? `, 統一編號 ${i.businessId}` : ''}`);
  }
  if (r.path) r.path.forEach((p, n) => lines.push(`${n === 0 ? 'path        ' : '            '} ${n}. ${p.subject} (${p.notBefore.slice(0, 10)} … ${p.notAfter.slice(0, 10)})`));
  if (r.revocation) r.revocation.forEach((v, n) => lines.push(`${n === 0 ? 'revocation  ' : '            '}  ${n}. ${v.status} by ${v.source}${v.url ? ` (${v.url})` : ''}`));
  lines.push(r.ok ? 'result       OK: this card may sign in' : `result       ${r.error!.code}: ${r.error!.detail}`);
  return lines.join('\n') + '\n';
}
