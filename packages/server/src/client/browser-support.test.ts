import { describe, expect, it } from 'vitest';
import { isHandheld, missingFeatures, type BrowserFacts } from './browser-support';

const media = (matching: readonly string[]) => (q: string) => ({ matches: matching.includes(q) });

const MODERN: BrowserFacts = {
  fetch: () => undefined,
  postMessage: () => undefined,
  Promise: { allSettled: () => undefined },
  String: { prototype: { matchAll: () => undefined } },
  globalThis: {},
};

describe('missingFeatures', () => {
  it('finds nothing missing in a current browser', () => {
    expect(missingFeatures(MODERN)).toEqual([]);
  });

  it('names what an old browser lacks', () => {
    expect(missingFeatures({ ...MODERN, fetch: undefined, Promise: {} })).toEqual(['fetch', 'Promise.allSettled']);
    expect(missingFeatures({})).toEqual(['fetch', 'postMessage', 'Promise.allSettled', 'String.prototype.matchAll', 'globalThis']);
  });
});

describe('isHandheld', () => {
  const desktopUa = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

  it('is false for a computer with a mouse, even with a touch screen', () => {
    expect(isHandheld({ matchMedia: media(['(any-pointer: fine)']), navigator: { userAgent: desktopUa } })).toBe(false);
    expect(isHandheld({ matchMedia: media(['(pointer: coarse)', '(any-pointer: fine)']), navigator: { userAgent: desktopUa } })).toBe(false);
  });

  it('is true for a coarse pointer with no fine one', () => {
    expect(isHandheld({ matchMedia: media(['(pointer: coarse)']), navigator: { userAgent: desktopUa } })).toBe(true);
  });

  it('is true for a mobile user agent, and for an iPad that calls itself a Mac', () => {
    expect(isHandheld({ navigator: { userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36' } })).toBe(true);
    expect(isHandheld({ navigator: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' } })).toBe(true);
    expect(isHandheld({ navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 5 } })).toBe(true);
    expect(isHandheld({ navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 0 } })).toBe(false);
  });
});
