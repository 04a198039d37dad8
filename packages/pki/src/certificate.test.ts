import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '@menhu/protocol';
import { certificatesFromPem, parseCertificate, decodeBase64, certificateDer } from './certificate';
import { PKI_ERROR_CODES, PkiError } from './errors';

const anchors = new URL('../test/fixtures/real-anchors/', import.meta.url);

describe('certificate parsing', () => {
  it('reads the real GRCA G3 and MOICA-G3 certificates', () => {
    const [grca] = certificatesFromPem(readFileSync(new URL('GRCA-G3.pem', anchors), 'utf8'));
    const [moica] = certificatesFromPem(readFileSync(new URL('MOICA-G3.pem', anchors), 'utf8'));
    expect(grca!.subject.typesAndValues.length).toBeGreaterThan(0);
    expect(moica!.issuer.isEqual(grca!.subject)).toBe(true);
    // Round trip: the DER we re-encode is the DER we read.
    const der = certificateDer(moica!);
    expect(parseCertificate(der).serialNumber.isEqual(moica!.serialNumber)).toBe(true);
  });

  it('turns garbage, truncation and trailing bytes into ERR_PKI_MALFORMED', () => {
    const [grca] = certificatesFromPem(readFileSync(new URL('GRCA-G3.pem', anchors), 'utf8'));
    const der = certificateDer(grca!);
    for (const bad of [new Uint8Array([1, 2, 3]), der.slice(0, der.length - 10), new Uint8Array([...der, 0]), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])]) {
      expect(() => parseCertificate(bad)).toThrowError(expect.objectContaining({ code: 'ERR_PKI_MALFORMED' }));
    }
  });

  it('refuses oversized input before parsing it', () => {
    expect(() => parseCertificate(new Uint8Array(100_000))).toThrowError(expect.objectContaining({ code: 'ERR_PKI_INPUT_TOO_LARGE' }));
    expect(() => decodeBase64('A'.repeat(200_000), 'x', 16_384)).toThrowError(PkiError);
  });

  it('has a zh-TW and en message for every error code', () => {
    for (const code of PKI_ERROR_CODES) expect(isMessageKey(code), code).toBe(true);
  });
});
