/**
 * Test material made by the `openssl` command line, in a temporary folder: keys, CA and card certificates from
 * openssl configuration files (so extensions like subject directory attributes are encoded by openssl, not by the
 * code under test), CMS from `openssl cms`, raw signatures from `openssl dgst`. Shared by the signature and
 * identity tests.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { certificatesFromPem } from '../../src/certificate';

export type KeySpec = 'rsa1024' | 'rsa2048' | 'rsa4096' | 'p256' | 'p384' | 'p521';

export interface Issued {
  readonly certPath: string;
  readonly keyPath: string;
  readonly certificate: pkijs.Certificate;
  readonly der: Uint8Array;
}

export interface IssueOptions {
  /** `[dn]` section lines, in order, e.g. `CN = 王𡘙明`. */
  readonly dn: readonly string[];
  readonly key: string;
  /** Omitted: self-signed. */
  readonly issuer?: Issued;
  /** openssl's string_mask: utf8only (UTF8String) or pkix (PrintableString, else BMPString, else UTF8String). */
  readonly stringMask?: 'utf8only' | 'pkix';
  /** `[ext]` section lines. */
  readonly extensions: readonly string[];
  /** Further config sections (for ASN1:SEQUENCE:… values). */
  readonly sections?: string;
  readonly serial?: string;
}

const CURVE = { p256: 'P-256', p384: 'P-384', p521: 'P-521' } as const;

export class OpensslLab {
  readonly dir = mkdtempSync(join(tmpdir(), 'menhu-pki-test-'));
  private counter = 0;

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  openssl(args: readonly string[], input?: string | Uint8Array): Buffer {
    return execFileSync('openssl', args, { cwd: this.dir, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  }

  write(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  private next(prefix: string): string {
    return `${prefix}-${++this.counter}`;
  }

  key(spec: KeySpec): string {
    const path = join(this.dir, `${this.next(spec)}.key.pem`);
    const options = spec.startsWith('rsa')
      ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.slice(3)}`]
      : ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${CURVE[spec as keyof typeof CURVE]}`];
    this.openssl(['genpkey', ...options, '-out', path]);
    return path;
  }

  /** A certificate from an openssl req config: self-signed (a CA) or issued by `issuer`. */
  issue(options: IssueOptions): Issued {
    const name = this.next('cert');
    const config = [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      'utf8 = yes',
      `string_mask = ${options.stringMask ?? 'utf8only'}`,
      '[dn]',
      ...options.dn,
      '[ext]',
      ...options.extensions,
      options.sections ?? '',
    ].join('\n');
    const configPath = this.write(`${name}.cnf`, config);
    const certPath = join(this.dir, `${name}.pem`);
    const issuerArgs = options.issuer ? ['-CA', options.issuer.certPath, '-CAkey', options.issuer.keyPath] : [];
    this.openssl(['req', '-new', '-x509', '-config', configPath, '-key', options.key, ...issuerArgs, '-extensions', 'ext', '-days', '365', '-set_serial', options.serial ?? `0x${(0x1000 + this.counter).toString(16)}`, '-out', certPath]);
    const certificate = certificatesFromPem(readFileSync(certPath, 'utf8'))[0]!;
    const der = new Uint8Array(this.openssl(['x509', '-in', certPath, '-outform', 'DER']));
    return { certPath, keyPath: options.key, certificate, der };
  }

  /** A CA in the Taiwan GPKI naming pattern: C=TW, O=行政院, OU=<name>. */
  ca(ou: string, key: string): Issued {
    return this.issue({
      dn: ['C = TW', 'O = 行政院', `OU = ${ou}`],
      key,
      extensions: ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash'],
    });
  }

  /** `openssl cms -sign -binary` over `content` (attached unless `-detach`-like args are added); DER out. */
  cmsSign(content: string, signers: readonly Issued[], args: readonly string[] = ['-nodetach', '-md', 'sha256']): Uint8Array {
    const input = this.write(`${this.next('content')}.txt`, content);
    const signerArgs = signers.flatMap((s) => ['-signer', s.certPath, '-inkey', s.keyPath]);
    // Options such as -keyopt apply to the -signer before them, so they come last.
    return new Uint8Array(this.openssl(['cms', '-sign', '-binary', '-in', input, ...signerArgs, ...args, '-outform', 'DER']));
  }

  /** openssl's own check of a CMS (signature and content; not the certificate chain). Returns the content. */
  cmsVerify(der: Uint8Array, detachedContent?: string): Buffer {
    const input = this.write(`${this.next('cms')}.der`, der);
    const content = detachedContent === undefined ? [] : ['-content', this.write(`${this.next('content')}.txt`, detachedContent)];
    return this.openssl(['cms', '-verify', '-noverify', '-binary', '-inform', 'DER', '-in', input, ...content]);
  }

  /** `openssl asn1parse` of DER, one line per element. */
  asn1parse(der: Uint8Array): string[] {
    return this.openssl(['asn1parse', '-inform', 'DER', '-i'], der).toString('utf8').split('\n');
  }

  /** `openssl dgst -sha256 -sign`: PKCS#1 v1.5 for RSA, DER Ecdsa-Sig-Value for EC. */
  dgstSign(content: string, keyPath: string): Uint8Array {
    return new Uint8Array(this.openssl(['dgst', '-sha256', '-sign', keyPath], content));
  }

  /**
   * A DER ECDSA signature as a PKCS#11 token's CKM_ECDSA would return it: r||s, each left-padded to the curve
   * size. Read with `openssl asn1parse`, so the test does not depend on the conversion code it tests.
   */
  ecdsaDerToTokenRaw(der: Uint8Array, coordinateBytes: number): Uint8Array {
    const lines = this.openssl(['asn1parse', '-inform', 'DER'], der).toString('utf8').split('\n');
    const integers = lines.filter((l) => l.includes('INTEGER')).map((l) => l.slice(l.lastIndexOf(':') + 1).trim());
    if (integers.length !== 2) throw new Error(`expected two INTEGERs, got ${integers.length}`);
    return new Uint8Array(Buffer.concat(integers.map((hex) => Buffer.from(hex.replace(/^(?:00)+/, '').padStart(2 * coordinateBytes, '0'), 'hex'))));
  }
}

/**
 * A signing function over a software key, with the builder's contract: PKCS#1 v1.5 (RSA) or raw r||s (EC), like
 * a PKCS#11 token. `tamper` lets a test corrupt what the "token" returns.
 */
export function softwareSigner(keyPath: string, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256', tamper?: (signature: Uint8Array) => Uint8Array): (data: Uint8Array) => Promise<Uint8Array> {
  const key = createPrivateKey(readFileSync(keyPath));
  return async (data) => {
    const signature = new Uint8Array(nodeSign(hash.replace('-', '').toLowerCase(), data, { key, dsaEncoding: 'ieee-p1363' }));
    return tamper ? tamper(signature) : signature;
  };
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
