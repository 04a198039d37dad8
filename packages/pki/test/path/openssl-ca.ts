/**
 * Test certificates made by the `openssl` command line (req + ca, with config files) in a temp folder, so the
 * validator is checked against certificates it did not make itself. Dates are explicit (`openssl ca
 * -startdate/-enddate`), so tests freeze time by passing `at`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeySpec = 'rsa:2048' | 'rsa:4096' | 'ec:P-256' | 'ec:P-384';

export interface Issued {
  readonly name: string;
  readonly path: string;
  readonly pem: string;
  readonly der: Uint8Array;
  readonly key: string;
}

export interface IssueOptions {
  /** File name stem, unique per folder. */
  readonly name: string;
  /** openssl -subj form: `/C=TW/O=行政院/OU=內政部憑證管理中心`. */
  readonly subject: string;
  /** Path of the subject's private key. */
  readonly key: string;
  /** Signer: `'self'` for self-signed, or a certificate and the key to sign with. */
  readonly issuer: 'self' | { readonly cert: string; readonly key: string };
  /** Lines of the extension section (openssl x509v3_config). */
  readonly ext: readonly string[];
  /** YYYYMMDDHHMMSSZ */
  readonly start: string;
  readonly end: string;
  readonly md?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  readonly sigopts?: readonly string[];
}

export const ROOT_EXT = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, digitalSignature, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'];

/** As MOICA-G3: pathlen 0, keyCertSign, policy 2.16.886.101.0.3.3. */
export const ISSUER_EXT = [
  'basicConstraints = critical, CA:TRUE, pathlen:0',
  'keyUsage = critical, digitalSignature, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid:always',
  'certificatePolicies = 2.16.886.101.0.3.3',
];

export const CARD_EXT = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, nonRepudiation',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid:always',
  'certificatePolicies = 2.16.886.101.0.3.3',
];

/** Replaces the line of `ext` that sets `field` (or adds it). */
export function withExt(ext: readonly string[], field: string, line: string | undefined): string[] {
  const out = ext.filter((l) => !l.startsWith(`${field} `));
  return line === undefined ? out : [...out, line];
}

export class OpenSslCa {
  readonly dir: string;
  #count = 0;

  constructor(prefix = 'menhu-path-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(this.dir, 'newcerts'));
    writeFileSync(join(this.dir, 'index.txt'), '');
    writeFileSync(join(this.dir, 'index.txt.attr'), 'unique_subject = no\n');
    writeFileSync(join(this.dir, 'req.cnf'), '[ req ]\ndistinguished_name = dn\nstring_mask = utf8only\nutf8 = yes\nprompt = no\n[ dn ]\n');
  }

  #run(args: readonly string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  key(name: string, spec: KeySpec): string {
    const path = join(this.dir, `${name}.key`);
    const [kind, param] = spec.split(':') as [string, string];
    const opts = kind === 'rsa' ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${param}`] : ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${param}`];
    this.#run(['genpkey', ...opts, '-out', path]);
    return path;
  }

  issue(o: IssueOptions): Issued {
    const n = ++this.#count;
    const csr = join(this.dir, `${o.name}.csr`);
    const cnf = join(this.dir, `${o.name}.cnf`);
    const out = join(this.dir, `${o.name}.pem`);
    writeFileSync(
      cnf,
      [
        '[ ca ]',
        'default_ca = CA_default',
        '[ CA_default ]',
        `dir = ${this.dir}`,
        `database = ${join(this.dir, 'index.txt')}`,
        `new_certs_dir = ${join(this.dir, 'newcerts')}`,
        'rand_serial = yes',
        'default_md = sha256',
        'policy = policy_any',
        'unique_subject = no',
        'email_in_dn = no',
        'copy_extensions = none',
        'preserve = yes',
        'string_mask = utf8only',
        'utf8 = yes',
        '[ policy_any ]',
        'countryName = optional',
        'organizationName = optional',
        'organizationalUnitName = optional',
        'commonName = optional',
        'serialNumber = optional',
        `[ ext${n} ]`,
        ...o.ext,
        '',
      ].join('\n'),
    );
    this.#run(['req', '-new', '-config', join(this.dir, 'req.cnf'), '-key', o.key, '-subj', o.subject, '-utf8', '-out', csr]);
    const signer = o.issuer === 'self' ? ['-selfsign', '-keyfile', o.key] : ['-cert', o.issuer.cert, '-keyfile', o.issuer.key];
    const sigopts = (o.sigopts ?? []).flatMap((s) => ['-sigopt', s]);
    this.#run([
      'ca', '-batch', '-config', cnf, '-extensions', `ext${n}`, '-in', csr, '-out', out, '-notext', '-utf8',
      '-startdate', o.start, '-enddate', o.end, '-md', o.md ?? 'sha256', ...signer, ...sigopts,
    ]);
    const pem = readFileSync(out, 'utf8');
    const b64 = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    return { name: o.name, path: out, pem, der: new Uint8Array(Buffer.from(b64, 'base64')), key: o.key };
  }

  /** A cert's subject key identifier as openssl prints it (`AB:CD:…`). */
  ski(cert: Issued): string {
    const text = execFileSync('openssl', ['x509', '-in', cert.path, '-noout', '-ext', 'subjectKeyIdentifier'], { encoding: 'utf8' });
    const m = /([0-9A-F]{2}(?::[0-9A-F]{2})+)/.exec(text);
    if (!m?.[1]) throw new Error(`no SKI in ${cert.name}`);
    return m[1];
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
