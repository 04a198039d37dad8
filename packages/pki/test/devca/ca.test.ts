/**
 * The development CA and its cards, checked by a party that did not make them: `openssl verify`, `openssl x509`,
 * `openssl pkcs12`. One CA (RSA-4096, the default, as the real GRCA G3 and MOICA-G3) for the whole file.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDer, certificatesFromPem } from '../../src/certificate';
import { OID } from '../../src/oids';
import { initDevCa, issueCard, readState, revoke, type DevCa } from '../../src/devca';
import { containsBytes, opensslAvailable, run, tempDir } from './support';

const haveOpenssl = opensslAvailable();

const ID = 'A123456789';

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** Subject directory attributes as [type, string value] pairs, read with asn1js. */
function directoryAttributes(cert: pkijs.Certificate): [string, string][] {
  const ext = extension(cert, OID.subjectDirectoryAttributes);
  if (!ext) return [];
  const seq = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result as asn1js.Sequence;
  return seq.valueBlock.value.map((attr) => {
    const [type, values] = (attr as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Set];
    return [type.valueBlock.toString(), (values.valueBlock.value[0] as asn1js.PrintableString).valueBlock.value];
  });
}

function commonName(cert: pkijs.Certificate): asn1js.BaseStringBlock {
  return cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3')!.value as asn1js.BaseStringBlock;
}

describe.skipIf(!haveOpenssl)('development CA', () => {
  const tmp = tempDir('menhu-devca-');
  const dir = path.join(tmp.dir, 'ca');
  const out = (name: string) => path.join(tmp.dir, name);
  let ca: DevCa;
  const trust = (id: string) => path.join(dir, 'trust', `${id}.pem`);

  beforeAll(async () => {
    ca = await initDevCa(dir, { baseUrl: 'http://127.0.0.1:18888' });
  });
  afterAll(() => tmp.remove());

  describe('init', () => {
    it('makes a root and three issuers that openssl verifies, and OCSP responders under each', async () => {
      const issuers = await run('openssl', ['verify', '-CAfile', trust('grca'), trust('moica'), trust('moeaca'), trust('gca')]);
      expect(issuers.stdout, issuers.stderr).toMatch(/moica\.pem: OK[\s\S]*moeaca\.pem: OK[\s\S]*gca\.pem: OK/);
      for (const id of ['grca', 'moica', 'moeaca', 'gca']) {
        const args = id === 'grca' ? [] : ['-untrusted', trust(id)];
        const responder = await run('openssl', ['verify', '-CAfile', trust('grca'), ...args, '-purpose', 'ocsphelper', ca.ocspResponders[id as 'grca'].file]);
        expect(responder.stdout, `${id}: ${responder.stderr}`).toMatch(/: OK$/m);
      }
      expect(readdirSync(path.join(dir, 'trust')).sort()).toEqual(['gca.pem', 'grca.pem', 'moeaca.pem', 'moica.pem']);
    });

    it('gives the issuers the MOICA-G3 profile, pointing at the development responder', async () => {
      const text = (await run('openssl', ['x509', '-in', trust('moica'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'])).stdout;
      expect(text).toContain('Public-Key: (4096 bit)');
      expect(text).toContain('Subject: C=TW, O=行政院, OU=內政部憑證管理中心 (開發用 Development)');
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
      expect(text).toContain('Policy: 2.16.886.101.0.3.3');
      expect(text).toContain('URI:http://127.0.0.1:18888/crl/grca.crl');
      expect(text).toContain('OCSP - URI:http://127.0.0.1:18888/ocsp/grca');
      expect(text).toMatch(/sha256WithRSAEncryption/);
      // Paths are built by key identifier: the issuer's AKI is the root's SKI.
      const [root] = certificatesFromPem(readFileSync(trust('grca'), 'utf8'));
      const [moica] = certificatesFromPem(readFileSync(trust('moica'), 'utf8'));
      const ski = asn1js.fromBER(extension(root!, OID.subjectKeyIdentifier)!.extnValue.valueBlock.valueHexView).result as asn1js.OctetString;
      expect(Buffer.from(extension(moica!, OID.authorityKeyIdentifier)!.extnValue.valueBlock.valueHexView).toString('hex')).toContain(Buffer.from(ski.valueBlock.valueHexView).toString('hex'));
    });

    it('marks every CA name as development, so none copies a real issuer', () => {
      for (const id of ['grca', 'moica', 'moeaca', 'gca'] as const) {
        const [cert] = certificatesFromPem(readFileSync(trust(id), 'utf8'));
        const values = cert!.subject.typesAndValues.map((tv) => (tv.value as asn1js.BaseStringBlock).valueBlock.value);
        expect(values.join(' '), id).toContain('開發用 Development');
      }
    });

    it('gives each OCSP responder id-kp-OCSPSigning and ocsp-nocheck', async () => {
      const text = (await run('openssl', ['x509', '-in', ca.ocspResponders.moica.file, '-noout', '-text'])).stdout;
      expect(text).toMatch(/X509v3 Extended Key Usage:\s+OCSP Signing/);
      expect(text).toContain('OCSP No Check');
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    });

    it('keeps the private keys readable by their owner only', () => {
      for (const file of readdirSync(path.join(dir, 'private'))) expect(statSync(path.join(dir, 'private', file)).mode & 0o077, file).toBe(0);
    });

    it('refuses to overwrite an existing CA unless forced', async () => {
      await expect(initDevCa(dir, { caKeyAlgorithm: 'rsa-2048' })).rejects.toMatchObject({ code: 'ERR_DEVCA_EXISTS' });
      const other = out('forced');
      const first = await initDevCa(other, { caKeyAlgorithm: 'rsa-2048' });
      const second = await initDevCa(other, { caKeyAlgorithm: 'ec-p384', force: true });
      expect(second.cas.grca.serial).not.toBe(first.cas.grca.serial);
      expect((await run('openssl', ['x509', '-in', second.cas.moica.file, '-noout', '-text'])).stdout).toContain('NIST CURVE: P-384');
    });

    it('refuses a base URL that is not a plain http(s) URL', async () => {
      await expect(initDevCa(out('bad-url'), { baseUrl: 'ftp://example' })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
    });
  });

  describe('citizen card', () => {
    let certFile: string;
    let keyFile: string;
    let serial: string;
    beforeAll(async () => {
      certFile = out('citizen.pem');
      keyFile = out('citizen.key');
      serial = (await issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'files', keyFile, certFile } })).serial;
    });

    it('chains to the root through the MOICA-like issuer (openssl verify)', async () => {
      const result = await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('moica'), certFile]);
      expect(result.stdout, result.stderr).toBe(`${certFile}: OK\n`);
      // …and not through another issuer.
      expect((await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('gca'), certFile])).code).not.toBe(0);
    });

    it('carries the card profile: key usage, policy, CRL and OCSP of its issuer', async () => {
      const text = (await run('openssl', ['x509', '-in', certFile, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'])).stdout;
      expect(text).toContain('Subject: C=TW, CN=王小明');
      expect(text).toContain('Public-Key: (2048 bit)');
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
      expect(text).toContain('Policy: 2.16.886.101.0.3.3');
      expect(text).toContain('URI:http://127.0.0.1:18888/crl/moica.crl');
      expect(text).toContain('OCSP - URI:http://127.0.0.1:18888/ocsp/moica');
      expect(text).toContain('CA Issuers - URI:http://127.0.0.1:18888/certs/moica.crt');
      expect((await run('openssl', ['x509', '-in', certFile, '-noout', '-serial'])).stdout.trim()).toBe(`serial=${serial}`);
    });

    it('carries the last four ID digits as SDA 2.16.886.1.100.2.51, and the full number nowhere', async () => {
      const [cert] = certificatesFromPem(readFileSync(certFile, 'utf8'));
      expect(directoryAttributes(cert!)).toEqual([['2.16.886.1.100.2.51', '6789']]);
      expect(extension(cert!, OID.subjectDirectoryAttributes)!.critical).toBe(false);
      const bytes = certificateDer(cert!);
      for (const form of [Buffer.from(ID, 'ascii'), Buffer.from(ID.slice(1), 'ascii'), Buffer.from(ID, 'utf16le').swap16()]) {
        expect(containsBytes(bytes, form), form.toString('hex')).toBe(false);
      }
      // Nor in anything the CA keeps.
      for (const file of [path.join(dir, 'devca.json'), ...readdirSync(path.join(dir, 'issued')).map((f) => path.join(dir, 'issued', f))]) {
        expect(readFileSync(file, 'utf8'), file).not.toContain(ID);
      }
    });

    it('writes a PKCS#8 key, readable by its owner only, that belongs to the certificate', async () => {
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      const fromKey = await run('openssl', ['pkey', '-in', keyFile, '-pubout']);
      const fromCert = await run('openssl', ['x509', '-in', certFile, '-noout', '-pubkey']);
      expect(fromKey.stdout).toBe(fromCert.stdout);
    });

    it('records the certificate in the state file, with the subject and no ID number', async () => {
      const state = await readState(dir);
      expect(state.certificates.find((c) => c.serial === serial)).toMatchObject({ issuer: 'moica', role: 'citizen', subject: 'C=TW, CN=王小明' });
    });
  });

  describe('names and kinds', () => {
    it('keeps a name with rare characters exact, as UTF8String', async () => {
      const name = '𡘙王𠮷明'; // U+21619 and U+20BB7: outside the BMP, as many 難字
      const card = await issueCard(dir, { kind: 'citizen', name, id: ID, output: { to: 'memory' } });
      const [cert] = certificatesFromPem(card.certificatePem);
      const cn = commonName(cert!);
      expect(cn).toBeInstanceOf(asn1js.Utf8String);
      expect(Buffer.from(cn.valueBlock.valueHexView).equals(Buffer.from(name, 'utf8'))).toBe(true);
      const text = await run('openssl', ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space'], { input: card.certificatePem });
      expect(text.stdout.trim()).toBe(`subject=C=TW, CN=${name}`);
    });

    it('encodes the name as BMPString on request, and refuses one a BMPString cannot hold', async () => {
      const card = await issueCard(dir, { kind: 'citizen', name: '黃堃', id: ID, nameEncoding: 'bmp', output: { to: 'memory' } });
      const cn = commonName(certificatesFromPem(card.certificatePem)[0]!);
      expect(cn).toBeInstanceOf(asn1js.BmpString);
      expect(cn.valueBlock.value).toBe('黃堃');
      await expect(issueCard(dir, { kind: 'citizen', name: '王𠮷明', id: ID, nameEncoding: 'bmp', output: { to: 'memory' } })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
    });

    it('issues a business card with the 統一編號 as subject serialNumber and SDA 2.16.886.1.100.2.101', async () => {
      const certFile = out('business.pem');
      await issueCard(dir, { kind: 'business', name: '門戶測試股份有限公司', businessId: '12345678', output: { to: 'files', keyFile: out('business.key'), certFile } });
      expect((await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('moeaca'), certFile])).stdout).toBe(`${certFile}: OK\n`);
      const subject = await run('openssl', ['x509', '-in', certFile, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space']);
      expect(subject.stdout.trim()).toBe('subject=C=TW, CN=門戶測試股份有限公司, serialNumber=12345678');
      expect(directoryAttributes(certificatesFromPem(readFileSync(certFile, 'utf8'))[0]!)).toEqual([['2.16.886.1.100.2.101', '12345678']]);
    });

    it('issues an agency card under the GCA-like issuer, with an EC P-256 key when asked', async () => {
      const certFile = out('agency.pem');
      await issueCard(dir, { kind: 'agency', name: '數位發展部', keyAlgorithm: 'ec-p256', output: { to: 'files', keyFile: out('agency.key'), certFile } });
      expect((await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('gca'), certFile])).stdout).toBe(`${certFile}: OK\n`);
      const text = (await run('openssl', ['x509', '-in', certFile, '-noout', '-text'])).stdout;
      expect(text).toContain('ASN1 OID: prime256v1');
      expect(directoryAttributes(certificatesFromPem(readFileSync(certFile, 'utf8'))[0]!)).toEqual([]);
    });

    it('issues expired and not-yet-valid cards for tests of the verifier', async () => {
      const expired = await issueCard(dir, {
        kind: 'citizen', name: '過期', id: ID,
        validity: { notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) },
        output: { to: 'memory' },
      });
      const result = await run('openssl', ['verify', '-CAfile', trust('grca'), '-untrusted', trust('moica')], { input: expired.certificatePem });
      expect(result.stdout + result.stderr).toContain('certificate has expired');
    });

    it('refuses what a card cannot be', async () => {
      const memory = { to: 'memory' } as const;
      await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456788', output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(issueCard(dir, { kind: 'citizen', name: '王小明', output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(issueCard(dir, { kind: 'business', name: '公司', businessId: '1234567', output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(issueCard(dir, { kind: 'business', name: '公司', businessId: '12345678', id: ID, output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(issueCard(dir, { kind: 'citizen', name: ' ', id: ID, output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(issueCard(out('nowhere'), { kind: 'citizen', name: '王小明', id: ID, output: memory })).rejects.toMatchObject({ code: 'ERR_DEVCA_NOT_FOUND' });
    });

    it('never overwrites an existing key or certificate file', async () => {
      const certFile = out('citizen.pem'); // written by the citizen card above
      await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'files', keyFile: out('new.key'), certFile } })).rejects.toMatchObject({
        code: 'ERR_DEVCA_FILE_EXISTS',
      });
    });

    it('says so when pkcs11-tool is missing', async () => {
      const output = { to: 'token', module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'CARD1', pin: '123456', tool: '/nonexistent/pkcs11-tool' } as const;
      await expect(issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output })).rejects.toMatchObject({
        code: 'ERR_DEVCA_TOOL_MISSING',
        message: expect.stringContaining('opensc'),
      });
    });
  });

  describe('PKCS#12', () => {
    it('opens with openssl pkcs12 and the password, holding the card, its chain and its key', async () => {
      const file = out('card.p12');
      const password = '開門 sesame';
      const card = await issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'pkcs12', file, password } });
      const info = await run('openssl', ['pkcs12', '-in', file, '-info', '-nokeys', '-passin', `pass:${password}`]);
      expect(info.code, info.stderr).toBe(0);
      expect(info.stderr).toMatch(/MAC: sha256/);
      expect(info.stdout.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
      expect(info.stdout).toContain(card.certificatePem.trim());
      const key = await run('openssl', ['pkcs12', '-in', file, '-nocerts', '-nodes', '-passin', `pass:${password}`]);
      const fromKey = await run('openssl', ['pkey', '-pubout'], { input: key.stdout });
      const fromCert = await run('openssl', ['x509', '-noout', '-pubkey'], { input: card.certificatePem });
      expect(fromKey.stdout).toBe(fromCert.stdout);
      expect(statSync(file).mode & 0o077).toBe(0);
    });

    it('does not open with a wrong password', async () => {
      const file = out('card2.p12');
      await issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'pkcs12', file, password: 'right' } });
      expect((await run('openssl', ['pkcs12', '-in', file, '-info', '-nokeys', '-passin', 'pass:wrong'])).code).not.toBe(0);
    });
  });

  describe('revoke', () => {
    it('records the revocation with its reason and time, once', async () => {
      const card = await issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'memory' } });
      const at = new Date('2026-06-01T08:00:00Z');
      const r = await revoke(dir, card.serial.toLowerCase(), 'keyCompromise', { clock: { now: () => at } });
      expect(r).toMatchObject({ serial: card.serial, issuer: 'moica', reason: 'keyCompromise', revokedAt: at });
      const state = await readState(dir);
      expect(state.certificates.find((c) => c.serial === card.serial)?.revocation).toEqual({ at: at.toISOString(), reason: 'keyCompromise' });
      await expect(revoke(dir, card.serial)).rejects.toMatchObject({ code: 'ERR_DEVCA_ALREADY_REVOKED' });
    });

    it('refuses an unknown serial, a bad reason and the root', async () => {
      await expect(revoke(dir, '0x0123')).rejects.toMatchObject({ code: 'ERR_DEVCA_UNKNOWN_SERIAL' });
      await expect(revoke(dir, 'not hex')).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(revoke(dir, ca.cas.moica.serial, 'sleepy' as never)).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
      await expect(revoke(dir, ca.cas.grca.serial)).rejects.toMatchObject({ code: 'ERR_DEVCA_BAD_OPTION' });
    });

    it('loses no record when several cards are issued and revoked at once', async () => {
      const cards = await Promise.all([1, 2, 3, 4].map(() => issueCard(dir, { kind: 'citizen', name: '王小明', id: ID, output: { to: 'memory' } })));
      await Promise.all(cards.map((c) => revoke(dir, c.serial, 'superseded')));
      const state = await readState(dir);
      for (const c of cards) expect(state.certificates.find((r) => r.serial === c.serial)?.revocation?.reason).toBe('superseded');
    });
  });
});
