/**
 * graphene-pk11 stands on pkcs11js, a native addon built at install time (STACK-NOTES.md: install scripts may be
 * skipped by npm): this fails loudly when the addon was not built, rather than the card suites skipping.
 */
import { createRequire } from 'node:module';
import { Module } from 'graphene-pk11';
import { describe, expect, it } from 'vitest';

describe('graphene-pk11 native module', () => {
  it('loads pkcs11js\'s compiled addon and reports a library that cannot be opened as an error', () => {
    const fromGraphene = createRequire(createRequire(import.meta.url).resolve('graphene-pk11'));
    const pkcs11js = fromGraphene('pkcs11js') as { PKCS11: new () => { load(path: string): void } };
    const lib = new pkcs11js.PKCS11();
    expect(typeof lib.load).toBe('function');
    expect(() => Module.load('/nonexistent/libnothing-pkcs11.so')).toThrow();
  });
});
