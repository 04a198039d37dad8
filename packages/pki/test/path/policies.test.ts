/** Policy processing along a path (RFC 5280 §6.1.3(d)–(f)), on hand-made paths: only policies matter here. */
import { describe, expect, it } from 'vitest';
import { OID } from '../../src/oids';
import { validPolicies, type PathCertificate } from '../../src/path';

const ANY = OID.anyPolicy;
const P3 = OID.gpkiClass3;
const P2 = '2.16.886.101.0.3.2';

function cert(policies: string[] | undefined, more: { inhibitAnyPolicy?: number; selfIssued?: boolean } = {}): PathCertificate {
  return { extensions: { policies, inhibitAnyPolicy: more.inhibitAnyPolicy }, selfIssued: more.selfIssued ?? false } as unknown as PathCertificate;
}
const root = cert(undefined); // the anchor contributes nothing, as GRCA G3 carries no policies

function valid(...path: PathCertificate[]): string[] | 'any' {
  const r = validPolicies(path);
  return r.any ? 'any' : [...r.policies].sort();
}

describe('validPolicies', () => {
  it('keeps a policy every CA below the root asserts', () => {
    expect(valid(cert([P3]), cert([P3]), root)).toEqual([P3]);
    expect(valid(cert([P3, P2]), cert([P3]), root)).toEqual([P3]);
  });

  it('drops it when a CA asserts another policy or none', () => {
    expect(valid(cert([P3]), cert([P2]), root)).toEqual([]);
    expect(valid(cert([P3]), cert(undefined), root)).toEqual([]);
    expect(valid(cert([P3]), cert([P3]), cert(undefined), root)).toEqual([]);
  });

  it('lets a CA’s anyPolicy stand for the card’s policy', () => {
    expect(valid(cert([P3]), cert([ANY]), root)).toEqual([P3]);
    expect(valid(cert([P3]), cert([P3]), cert([ANY]), root)).toEqual([P3]);
  });

  it('honours inhibitAnyPolicy, except in self-issued intermediates', () => {
    expect(valid(cert([P3]), cert([ANY]), cert([ANY], { inhibitAnyPolicy: 0 }), root)).toEqual([]);
    expect(valid(cert([P3]), cert([ANY], { selfIssued: true }), cert([ANY], { inhibitAnyPolicy: 0 }), root)).toEqual([P3]);
    expect(valid(cert([P3]), cert([ANY]), cert([ANY], { inhibitAnyPolicy: 1 }), root)).toEqual([P3]);
  });

  it('reports "any" only while anyPolicy still counts at the card', () => {
    expect(valid(cert([ANY]), cert([ANY]), root)).toBe('any');
  });
});
