/**
 * A throw-away PKI made with the `openssl` command line, so the certificates, CRLs and OCSP answers the tests
 * check come from an implementation independent of ours: RSA-2048 keys, SHA-256 signatures, serials and
 * extensions as given. Everything lives in one temporary folder, removed by `cleanup()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { certificatesFromPem } from '../../src/certificate';

export interface Issued {
  readonly name: string;
  /** Subject as given to openssl (`/C=TW/O=…/CN=…`). */
  readonly subject: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** Serial in the upper-case hex openssl writes into index.txt. */
  readonly serial: string;
  readonly cert: pkijs.Certificate;
}

export interface IssueOptions {
  name: string;
  subject: string;
  /** Even-length upper-case hex without leading zero bytes, as index.txt has it: '1001'. */
  serial: string;
  /** Omitted: self-signed. */
  issuer?: Issued;
  /** Lines of an openssl extension section (`keyUsage=critical,digitalSignature`). */
  extensions: string[];
  days?: number;
}

export type IndexEntry = { cert: Issued | { serial: string; subject: string }; revoked?: { at: Date; reason?: string } };

export const CA_EXTENSIONS = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];

function openssl(args: string[], cwd: string): string {
  try {
    return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/** YYMMDDHHMMSSZ, the UTCTime form index.txt uses. */
function utcTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

export class OpensslPki {
  readonly dir: string;
  private crlCount = 0;

  constructor(prefix = 'menhu-revocation-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  issue(o: IssueOptions): Issued {
    const keyPath = this.path(`${o.name}.key`);
    const certPath = this.path(`${o.name}.pem`);
    const csr = this.path(`${o.name}.csr`);
    const ext = this.path(`${o.name}.ext`);
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath], this.dir);
    openssl(['req', '-new', '-key', keyPath, '-subj', o.subject, '-out', csr], this.dir);
    const lines = [...o.extensions];
    if (o.issuer) lines.push('authorityKeyIdentifier=keyid');
    writeFileSync(ext, `${lines.join('\n')}\n`);
    const signing = o.issuer ? ['-CA', o.issuer.certPath, '-CAkey', o.issuer.keyPath] : ['-signkey', keyPath];
    openssl(['x509', '-req', '-in', csr, ...signing, '-set_serial', `0x${o.serial}`, '-days', String(o.days ?? 30), '-sha256', '-extfile', ext, '-out', certPath], this.dir);
    const [cert] = certificatesFromPem(readFileSync(certPath, 'utf8'), o.name);
    return { name: o.name, subject: o.subject, certPath, keyPath, serial: o.serial.toUpperCase(), cert: cert! };
  }

  /** Writes an index.txt in the format `openssl ocsp -index` and `openssl ca` read; returns its path. */
  writeIndex(file: string, entries: IndexEntry[]): string {
    const lines = entries.map(({ cert, revoked }) => {
      const status = revoked ? 'R' : 'V';
      const when = revoked ? `${utcTime(revoked.at)}${revoked.reason ? `,${revoked.reason}` : ''}` : '';
      return `${status}\t351231235959Z\t${when}\t${cert.serial}\tunknown\t${cert.subject}`;
    });
    const path = this.path(file);
    writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '');
    return path;
  }

  /**
   * A CRL signed by `issuer` with `openssl ca -gencrl`, listing the revoked entries of `entries`, valid for
   * `hours`. `crlExtensions` are extra lines of the CRL extension section (e.g. an issuingDistributionPoint).
   */
  crl(issuer: Issued, entries: IndexEntry[], o: { hours?: number; crlExtensions?: string[] } = {}): Uint8Array {
    const n = ++this.crlCount;
    const index = this.writeIndex(`crl-${n}.index.txt`, entries);
    const numberFile = this.path(`crl-${n}.number`);
    writeFileSync(numberFile, `${String(n).padStart(2, '0')}\n`);
    const config = this.path(`crl-${n}.cnf`);
    writeFileSync(
      config,
      [
        '[ ca ]',
        'default_ca = ca_section',
        '[ ca_section ]',
        `database = ${index}`,
        `crlnumber = ${numberFile}`,
        'default_md = sha256',
        'crl_extensions = crl_ext',
        '[ crl_ext ]',
        'authorityKeyIdentifier = keyid:always',
        ...(o.crlExtensions ?? []),
        '',
      ].join('\n'),
    );
    const pem = this.path(`crl-${n}.pem`);
    openssl(['ca', '-gencrl', '-config', config, '-keyfile', issuer.keyPath, '-cert', issuer.certPath, '-crlhours', String(o.hours ?? 24), '-out', pem], this.dir);
    const der = this.path(`crl-${n}.der`);
    openssl(['crl', '-in', pem, '-outform', 'DER', '-out', der], this.dir);
    return new Uint8Array(readFileSync(der));
  }

  /** `openssl ocsp -reqin … -req_text`: how OpenSSL itself reads a request we sent. */
  describeRequest(der: Uint8Array): string {
    const file = this.path(`request-${Date.now()}-${Math.random().toString(16).slice(2)}.der`);
    writeFileSync(file, der);
    return openssl(['ocsp', '-reqin', file, '-req_text'], this.dir);
  }

  /** The request OpenSSL's own client would send for this certificate (no nonce), as text. */
  opensslRequestText(cert: Issued, issuer: Issued): string {
    const file = this.path(`openssl-request-${cert.name}.der`);
    openssl(['ocsp', '-issuer', issuer.certPath, '-cert', cert.certPath, '-no_nonce', '-reqout', file], this.dir);
    return openssl(['ocsp', '-reqin', file, '-req_text'], this.dir);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
