import { describe, expect, it } from 'vitest';
import { hostAllowed } from '../../src/server/hosts';
import { addableOrigin, originForDisplay, parseOrigin, parseTypedOrigin, TrustedOrigins } from '../../src/server/origins';
import { PinLimiter } from '../../src/server/pin-limiter';

describe('origins', () => {
  it('takes an Origin header only in the exact form browsers send', () => {
    expect(parseOrigin('https://login.example.gov.tw')).toBe('https://login.example.gov.tw');
    expect(parseOrigin('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    for (const bad of [undefined, '', 'null', 'https://a.example/', 'https://a.example/path', 'https://u:p@a.example', 'file:///etc', 'javascript:alert(1)', 'https://a.example:443']) {
      expect(parseOrigin(bad), String(bad)).toBeUndefined();
    }
  });

  it('turns a typed Unicode origin into punycode, and shows hosts in punycode', () => {
    expect(parseTypedOrigin('https://例え.jp')).toBe('https://xn--r8jz45g.jp');
    expect(parseTypedOrigin('https://login.example.gov.tw/')).toBe('https://login.example.gov.tw');
    expect(parseTypedOrigin('https://a.example/x')).toBeUndefined();
    expect(parseTypedOrigin('https://a.example/?q')).toBeUndefined();
    expect(originForDisplay('https://xn--r8jz45g.jp:8443')).toBe('https://xn--r8jz45g.jp:8443');
    expect(new TrustedOrigins(['https://例え.jp']).has('https://xn--r8jz45g.jp')).toBe(true);
    expect(() => new TrustedOrigins(['login.example.gov.tw'])).toThrow(TypeError);
  });

  it('lets the person add https sites, and plain http only on this computer', () => {
    expect(addableOrigin('https://login.example.gov.tw')).toBe(true);
    expect(addableOrigin('http://localhost:3000')).toBe(true);
    expect(addableOrigin('http://[::1]:3000')).toBe(true);
    expect(addableOrigin('http://login.example.gov.tw')).toBe(false);
  });
});

describe('hostAllowed (DNS rebinding)', () => {
  it('accepts only this computer\'s names with the port', () => {
    expect(hostAllowed('localhost:61161', 61161)).toBe(true);
    expect(hostAllowed('127.0.0.1:61161', 61161)).toBe(true);
    expect(hostAllowed('[::1]:61161', 61161)).toBe(true);
    for (const bad of [undefined, '', 'localhost', 'evil.example:61161', 'localhost.:61161', '127.0.0.2:61161', 'localhost:61162', '0.0.0.0:61161']) {
      expect(hostAllowed(bad, 61161), String(bad)).toBe(false);
    }
  });
});

describe('PinLimiter', () => {
  it('allows max attempts per window per origin, and forgets them after the window', () => {
    let now = 0;
    const limiter = new PinLimiter({ max: 2, windowMs: 1000, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([true, true, false, true]);
    now = 999;
    expect(limiter.take('a')).toBe(false);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
  });
});
