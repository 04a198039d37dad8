import { describe, expect, it } from 'vitest';
import { memoryRevocationCache } from '../../src/revocation/cache';

const T0 = Date.parse('2026-01-01T00:00:00Z');
function frozenClock() {
  let now = T0;
  return { now: () => new Date(now), set: (ms: number) => (now = T0 + ms) };
}
const bytes = (...values: number[]) => new Uint8Array(values);

describe('memoryRevocationCache', () => {
  it('keeps an entry until its expiresAt and drops it there', async () => {
    const clock = frozenClock();
    const cache = memoryRevocationCache(clock);
    await cache.set('k', bytes(1, 2, 3), new Date(T0 + 1000));
    clock.set(999);
    expect(await cache.get('k')).toEqual(bytes(1, 2, 3));
    clock.set(1000);
    expect(await cache.get('k')).toBeUndefined();
    clock.set(0);
    expect(await cache.get('k')).toBeUndefined(); // gone for good, not hidden
  });

  it('does not store what has already expired, and an expired set removes the old entry', async () => {
    const clock = frozenClock();
    const cache = memoryRevocationCache(clock);
    await cache.set('k', bytes(1), new Date(T0 + 1000));
    await cache.set('k', bytes(2), new Date(T0));
    expect(await cache.get('k')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const clock = frozenClock();
    const cache = memoryRevocationCache(clock, { maxEntries: 2 });
    const later = new Date(T0 + 60_000);
    await cache.set('a', bytes(1), later);
    await cache.set('b', bytes(2), later);
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', bytes(3), later);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toEqual(bytes(1));
    expect(await cache.get('c')).toEqual(bytes(3));
  });

  it('holds at most maxBytes, dropping expired entries first', async () => {
    const clock = frozenClock();
    const cache = memoryRevocationCache(clock, { maxBytes: 10 });
    await cache.set('soon', new Uint8Array(4), new Date(T0 + 1000));
    await cache.set('late', new Uint8Array(4), new Date(T0 + 60_000));
    clock.set(2000);
    await cache.set('new', new Uint8Array(4), new Date(T0 + 60_000));
    expect(await cache.get('late')).toBeDefined();
    expect(await cache.get('new')).toBeDefined();
    await cache.set('huge', new Uint8Array(11), new Date(T0 + 60_000));
    expect(await cache.get('huge')).toBeUndefined();
  });

  it('hands out copies, so no reader changes what the next one gets', async () => {
    const cache = memoryRevocationCache(frozenClock());
    const value = bytes(1, 2);
    await cache.set('k', value, new Date(T0 + 1000));
    value[0] = 9;
    const first = (await cache.get('k'))!;
    first[1] = 9;
    expect(await cache.get('k')).toEqual(bytes(1, 2));
  });

  it('refuses a bad configuration at construction', () => {
    expect(() => memoryRevocationCache(frozenClock(), { maxEntries: 0 })).toThrow(TypeError);
    expect(() => memoryRevocationCache(frozenClock(), { maxBytes: 1.5 })).toThrow(TypeError);
  });
});
