/**
 * The trust store: the real GRCA G3 and MOICA-G3 certificates, and the rules for a TRUST_ANCHORS folder
 * (checked at load, so a bad folder stops the server at start).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../src/oids';
import { checkCaCertificate, checkEndEntity, loadTrustStore, trustStoreFrom, validatePath } from '../../src/path';
import { CARD_EXT, ISSUER_EXT, OpenSslCa, ROOT_EXT, type Issued } from './openssl-ca';

const REAL = fileURLToPath(new URL('../fixtures/real-anchors/', import.meta.url));
const MOICA_G3_SKI = '47:20:A3:B1:26:4B:CD:6D:48:AC:F2:64:08:86:97:2C:74:54:11:5F';
const GRCA_G3_SKI = '3a908ee741471973dc9cbda37ed83d3e83091f03';
const AT = new Date('2026-11-28T00:00:00Z');

describe('the real GRCA G3 and MOICA-G3', () => {
  const store = loadTrustStore(REAL);
  const moica = store.intermediates[0]!;

  it('loads the fixture folder: GRCA G3 is the anchor, MOICA-G3 an intermediate, README.md ignored', () => {
    expect(store.anchors).toHaveLength(1);
    expect(store.intermediates).toHaveLength(1);
    expect(store.anchors[0]!.extensions.subjectKeyId).toBe(GRCA_G3_SKI);
    expect(moica.extensions.subjectKeyId).toBe(MOICA_G3_SKI.replace(/:/g, '').toLowerCase());
    expect(moica.label).toContain('OU=內政部憑證管理中心');
  });

  it('validates MOICA-G3 under GRCA G3 at 2026-11-28 (its RSA-4096 signature by GRCA G3 verifies)', () => {
    const path = validatePath({ endEntity: moica.der, trustStore: store, at: AT });
    expect(path.map((p) => p.der)).toEqual([moica.der, store.anchors[0]!.der]);
    // As an intermediate: a CA with keyCertSign, and pathlen 0 — no CA may stand below it.
    expect(() => checkCaCertificate(moica, 0)).not.toThrow();
    expect(() => checkCaCertificate(moica, 1)).toThrowError(expect.objectContaining({ code: 'ERR_PKI_INVALID_CA' }));
    expect(moica.extensions.policies).toEqual([OID.gpkiClass3]);
  });

  it('is not a card', () => {
    const path = validatePath({ endEntity: moica.der, trustStore: store, at: AT });
    expect(() => checkEndEntity({ path, trustStore: store, at: AT })).toThrowError(expect.objectContaining({ code: 'ERR_PKI_WRONG_PURPOSE' }));
  });

  it('checks the dates of the intermediate and of the root itself', () => {
    expect(() => validatePath({ endEntity: moica.der, trustStore: store, at: new Date('2023-06-01T00:00:00Z') })).toThrowError(
      expect.objectContaining({ code: 'ERR_PKI_CERT_NOT_YET_VALID' }),
    );
    expect(() => validatePath({ endEntity: moica.der, trustStore: store, at: new Date('2050-01-01T00:00:00Z') })).toThrowError(
      expect.objectContaining({ code: 'ERR_PKI_CERT_EXPIRED', detail: expect.stringContaining('Government Root Certification Authority - G3') }),
    );
  });

  it('takes an issuer profile keyed by the real subject key identifier, in any spelling', () => {
    const configured = loadTrustStore(REAL, { issuers: { [MOICA_G3_SKI]: { cardKind: 'citizen', disallowedPolicies: ['2.16.886.101.0.3.1'] } } });
    expect(configured.profileFor(moica).disallowedPolicies).toEqual(['2.16.886.101.0.3.1']);
    expect(configured.profileFor(moica).allowedPolicies).toEqual([OID.gpkiClass3]);
    const lower = loadTrustStore(REAL, { issuers: { [MOICA_G3_SKI.replace(/:/g, '').toLowerCase()]: { cardKind: 'business' } } });
    expect(lower.profileFor(moica).cardKind).toBe('business');
  });
});

describe('loading a trust folder', () => {
  let ca: OpenSslCa;
  let root: Issued;
  let issuer: Issued;
  let card: Issued;

  beforeAll(() => {
    ca = new OpenSslCa();
    const key = ca.key('k', 'ec:P-256');
    const dates = { start: '20240101000000Z', end: '20400101000000Z' };
    root = ca.issue({ name: 'root', subject: '/C=TW/O=Test/CN=Root', key, issuer: 'self', ext: ROOT_EXT, ...dates });
    issuer = ca.issue({ name: 'issuer', subject: '/C=TW/O=Test/OU=Issuer', key, issuer: { cert: root.path, key }, ext: ISSUER_EXT, ...dates });
    card = ca.issue({ name: 'card', subject: '/C=TW/CN=Card', key, issuer: { cert: issuer.path, key }, ext: CARD_EXT, ...dates });
  });
  afterAll(() => ca?.cleanup());

  let n = 0;
  function folder(files: Record<string, string | Uint8Array>): string {
    const dir = join(ca.dir, `store-${++n}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }

  it('reads PEM and DER (.cer, .crt, .der), several certificates a PEM file, and skips other files', () => {
    const bundle = folder({ 'both.pem': root.pem + issuer.pem, 'notes.txt': 'hello', '.hidden.pem': 'garbage' });
    const fromBundle = loadTrustStore(bundle);
    expect([fromBundle.anchors.length, fromBundle.intermediates.length]).toEqual([1, 1]);
    expect(fromBundle.intermediates[0]!.label).toBe('both.pem #2 (C=TW, O=Test, OU=Issuer)');

    const der = folder({ 'root.der': root.der, 'issuer.crt': issuer.der, 'copy.cer': issuer.pem });
    const fromDer = loadTrustStore(der);
    expect(fromDer.anchors.map((a) => a.der)).toEqual([root.der]);
    expect(fromDer.intermediates).toHaveLength(1); // the same certificate twice counts once
    expect(validatePath({ endEntity: card.der, trustStore: fromDer, at: AT })).toHaveLength(3);
  });

  it('refuses, naming the file, a certificate that is not a CA', () => {
    const dir = folder({ 'root.pem': root.pem, 'card.pem': card.pem });
    expect(() => loadTrustStore(dir)).toThrowError(TypeError);
    expect(() => loadTrustStore(dir)).toThrowError(/card\.pem.*not a CA certificate/);
    expect(() => trustStoreFrom([root.der, card.der])).toThrowError(/certs\[1\].*not a CA/);
  });

  it('refuses, naming the file, garbage, a private key, and a folder without a root', () => {
    expect(() => loadTrustStore(folder({ 'root.pem': root.pem, 'bad.pem': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }))).toThrowError(/bad\.pem/);
    expect(() => loadTrustStore(folder({ 'root.pem': root.pem, 'bad.crt': new Uint8Array([0x30, 0x01, 0x00]) }))).toThrowError(/bad\.crt/);
    const withKey = folder({ 'root.pem': root.pem });
    copyFileSync(root.key, join(withKey, 'root-key.pem'));
    expect(() => loadTrustStore(withKey)).toThrowError(/root-key\.pem.*private key/);
    expect(() => loadTrustStore(folder({ 'issuer.pem': issuer.pem }))).toThrowError(/no self-signed root/);
    expect(() => loadTrustStore(join(ca.dir, 'no-such-folder'))).toThrowError(TypeError);
  });

  it('refuses a bad issuer configuration at load', () => {
    const dir = folder({ 'root.pem': root.pem, 'issuer.pem': issuer.pem });
    const ski = ca.ski(issuer);
    expect(() => loadTrustStore(dir, { issuers: { 'AB:CD': {} } })).toThrowError(/no CA certificate/);
    expect(() => loadTrustStore(dir, { issuers: { 'xyz': {} } })).toThrowError(/not a hexadecimal/);
    expect(() => loadTrustStore(dir, { issuers: { [ski]: { allowedPolicies: ['not-an-oid'] } } })).toThrowError(/dotted OIDs/);
    expect(() => loadTrustStore(dir, { issuers: { [ski]: { allowedPolicies: [] } } })).toThrowError(/no card could pass/);
    expect(() => loadTrustStore(dir, { issuers: { [ski]: { disallowedPolicies: [OID.gpkiClass3] } } })).toThrowError(/both allowed and disallowed/);
    expect(() => loadTrustStore(dir, { defaultProfile: { cardKind: 'alien' as never } })).toThrowError(/cardKind/);
    expect(loadTrustStore(dir, { issuers: { [ski]: { cardKind: 'agency' } } }).profileFor(loadTrustStore(dir).intermediates[0]!).cardKind).toBe('agency');
  });
});
