/**
 * The development responder, asked by a client this project did not write: `openssl ocsp` for OCSP (good,
 * revoked after a revocation without restarting, unknown), `openssl crl` for the CRLs. The CA here uses EC
 * P-384 keys, so CRLs and certificates signed with ECDSA are covered too; the responders keep RSA-2048.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDer, certificatesFromPem } from '../../src/certificate';
import { OID } from '../../src/oids';
import { initDevCa, issueCard, revoke, startDevResponder, type DevCa, type DevResponder } from '../../src/devca';
import { opensslAvailable, run, tempDir } from './support';

const haveOpenssl = opensslAvailable();

describe.skipIf(!haveOpenssl)('development OCSP responder and CRLs', () => {
  const tmp = tempDir('menhu-devca-responder-');
  const dir = path.join(tmp.dir, 'ca');
  const file = (name: string) => path.join(tmp.dir, name);
  const trust = (id: string) => path.join(dir, 'trust', `${id}.pem`);
  let ca: DevCa;
  let responder: DevResponder;
  let cardSerial: string;
  const cardFile = file('card.pem');

  beforeAll(async () => {
    ca = await initDevCa(dir, { caKeyAlgorithm: 'ec-p384' });
    cardSerial = (await issueCard(dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: { to: 'files', keyFile: file('card.key'), certFile: cardFile } })).serial;
    responder = await startDevResponder(dir, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await responder?.close();
    tmp.remove();
  });

  /** `openssl ocsp` against the responder, verifying the answer against the root. */
  function ocsp(issuer: string, target: string[]) {
    return run('openssl', ['ocsp', '-issuer', issuer, ...target, '-url', responder.url, '-CAfile', trust('grca'), '-resp_text', '-timeout', '10']);
  }

  it('answers good, then revoked as soon as the card is revoked, without a restart', async () => {
    const before = await ocsp(trust('moica'), ['-cert', cardFile]);
    expect(before.stdout, before.stderr).toContain(`${cardFile}: good`);
    expect(before.stderr).toContain('Response verify OK');
    expect(before.stdout + before.stderr).not.toMatch(/WARNING: no nonce/i); // the nonce was echoed

    await revoke(dir, cardSerial, 'keyCompromise');
    const after = await ocsp(trust('moica'), ['-cert', cardFile]);
    expect(after.stdout, after.stderr).toContain(`${cardFile}: revoked`);
    expect(after.stdout).toContain('Reason: keyCompromise');
    expect(after.stderr).toContain('Response verify OK');
  });

  it('answers unknown for a serial its issuer never issued', async () => {
    const result = await ocsp(trust('moica'), ['-serial', '0x0123456789ABCDEF']);
    expect(result.stdout, result.stderr).toContain('0x0123456789ABCDEF: unknown');
    expect(result.stderr).toContain('Response verify OK');
  });

  it('answers for an issuer certificate too, signed by the root’s responder', async () => {
    const result = await ocsp(trust('grca'), ['-cert', trust('moeaca')]);
    expect(result.stdout, result.stderr).toContain(`${trust('moeaca')}: good`);
    expect(result.stdout).toContain('GRCA OCSP Responder');
    expect(result.stderr).toContain('Response verify OK');
  });

  it('refuses, as unauthorized, to answer for an issuer it does not serve', async () => {
    const realMoica = new URL('../fixtures/real-anchors/MOICA-G3.pem', import.meta.url).pathname;
    const result = await run('openssl', ['ocsp', '-issuer', realMoica, '-serial', '0x01', '-url', responder.url, '-resp_text', '-noverify']);
    expect(result.stdout + result.stderr).toMatch(/unauthorized \(6\)/);
  });

  it('answers malformedRequest to a body that is not an OCSP request', async () => {
    const response = await fetch(`${responder.url}/ocsp/moica`, { method: 'POST', body: new Uint8Array([0x30, 0x03, 0x02, 0x01]), headers: { 'Content-Type': 'application/ocsp-request' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ocsp-response');
    const parsed = pkijs.OCSPResponse.fromBER(await response.arrayBuffer());
    expect(parsed.responseStatus.valueBlock.valueDec).toBe(1);
  });

  it('answers a GET request (RFC 6960 A.1) and one made at a fixed time, with thisUpdate, nextUpdate and the nonce', async () => {
    const requestFile = file('request.der');
    const made = await run('openssl', ['ocsp', '-issuer', trust('moica'), '-cert', cardFile, '-reqout', requestFile]);
    expect(made.code, made.stderr).toBe(0);
    const request = new Uint8Array(readFileSync(requestFile));
    const encoded = encodeURIComponent(Buffer.from(request).toString('base64'));
    const viaGet = await fetch(`${responder.url}/ocsp/moica/${encoded}`);
    const responseFile = file('response.der');
    writeFileSync(responseFile, new Uint8Array(await viaGet.arrayBuffer()));
    // -no_nonce: openssl would compare the answer's nonce with one of a request it did not send.
    const checked = await run('openssl', ['ocsp', '-respin', responseFile, '-issuer', trust('moica'), '-cert', cardFile, '-CAfile', trust('grca'), '-no_nonce']);
    expect(checked.stdout, checked.stderr).toContain(`${cardFile}: revoked`);

    const at = new Date('2026-03-01T04:05:06Z');
    const fixed = await startDevResponder(dir, { port: 0, clock: { now: () => at }, nextUpdateSeconds: 60 });
    try {
      const answer = await fetch(fixed.url, { method: 'POST', body: request, headers: { 'Content-Type': 'application/ocsp-request' } });
      const outer = pkijs.OCSPResponse.fromBER(await answer.arrayBuffer());
      const basic = pkijs.BasicOCSPResponse.fromBER(outer.responseBytes!.response.valueBlock.valueHexView.slice());
      const single = basic.tbsResponseData.responses[0]!;
      expect(single.thisUpdate).toEqual(at);
      expect(single.nextUpdate).toEqual(new Date(at.getTime() + 60_000));
      const sentNonce = pkijs.OCSPRequest.fromBER(request).tbsRequest.requestExtensions!.find((e) => e.extnID === OID.ocspNonce)!;
      const echoed = basic.tbsResponseData.responseExtensions!.find((e) => e.extnID === OID.ocspNonce)!;
      expect(Buffer.from(echoed.extnValue.valueBlock.valueHexView).equals(Buffer.from(sentNonce.extnValue.valueBlock.valueHexView))).toBe(true);
      // Signed by the MOICA-like issuer's delegated responder, whose certificate comes with the answer.
      expect(basic.certs).toHaveLength(1);
      expect(Buffer.from(certificateDer(basic.certs![0]!)).equals(Buffer.from(certificateDer(certificatesFromPem(ca.ocspResponders.moica.pem)[0]!)))).toBe(true);
    } finally {
      await fixed.close();
    }
  });

  it('serves each issuer’s CRL, fresh from the state, listing the revoked serial with its reason', async () => {
    const response = await fetch(`${responder.url}/crl/moica.crl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pkix-crl');
    const der = new Uint8Array(await response.arrayBuffer());
    const text = await run('openssl', ['crl', '-inform', 'DER', '-text', '-noout'], { input: der });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Serial Number: ${cardSerial}`);
    expect(text.stdout).toMatch(/CRL Reason Code:\s+Key Compromise/);
    expect(text.stdout).toContain('X509v3 CRL Number');
    expect(text.stdout).toContain('ecdsa-with-SHA384');
    const verified = await run('openssl', ['crl', '-inform', 'DER', '-noout', '-CAfile', trust('moica')], { input: der });
    expect(verified.stderr).toContain('verify OK');

    const empty = await run('openssl', ['crl', '-inform', 'DER', '-text', '-noout'], { input: new Uint8Array(await (await fetch(`${responder.url}/crl/gca.crl`)).arrayBuffer()) });
    expect(empty.stdout).toContain('No Revoked Certificates');
  });

  it('lists a revoked issuer on the root’s CRL, and marks it revoked over OCSP', async () => {
    await revoke(dir, ca.cas.gca.serial, 'cACompromise');
    const der = new Uint8Array(await (await fetch(`${responder.url}/crl/grca.crl`)).arrayBuffer());
    const text = await run('openssl', ['crl', '-inform', 'DER', '-text', '-noout'], { input: der });
    expect(text.stdout).toContain(`Serial Number: ${ca.cas.gca.serial}`);
    const status = await ocsp(trust('grca'), ['-cert', trust('gca')]);
    expect(status.stdout, status.stderr).toContain(`${trust('gca')}: revoked`);
  });

  it('serves the CA certificates for AIA caIssuers, and nothing else', async () => {
    const response = await fetch(`${responder.url}/certs/moica.crt`);
    expect(response.headers.get('content-type')).toBe('application/pkix-cert');
    const served = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(certificateDer(certificatesFromPem(readFileSync(trust('moica'), 'utf8'))[0]!)))).toBe(true);
    expect((await fetch(`${responder.url}/certs/nope.crt`)).status).toBe(404);
    expect((await fetch(`${responder.url}/private/grca.key.pem`)).status).toBe(404);
    expect((await fetch(`${responder.url}/crl/grca.crl`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a body larger than any OCSP request', async () => {
    const response = await fetch(responder.url, { method: 'POST', body: new Uint8Array(200 * 1024) });
    expect(response.status).toBe(413);
  });

  it('serves under the path of a base URL that has one (behind a proxy)', async () => {
    const prefixed = path.join(tmp.dir, 'prefixed');
    await initDevCa(prefixed, { baseUrl: 'http://127.0.0.1:8888/pki/', caKeyAlgorithm: 'rsa-2048' });
    const card = await issueCard(prefixed, { kind: 'agency', name: '數位發展部', output: { to: 'memory' } });
    expect((await run('openssl', ['x509', '-noout', '-text'], { input: card.certificatePem })).stdout).toContain('URI:http://127.0.0.1:8888/pki/crl/gca.crl');
    const served = await startDevResponder(prefixed, { port: 0 });
    try {
      expect((await fetch(`${served.url}/pki/crl/gca.crl`)).status).toBe(200);
      expect((await fetch(`${served.url}/pki/certs/gca.crt`)).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it('does not start for a folder without a CA', async () => {
    await expect(startDevResponder(file('nothing'), { port: 0 })).rejects.toMatchObject({ code: 'ERR_DEVCA_NOT_FOUND' });
  });
});
