/**
 * The RevocationCache port (../ports.ts) in this process's memory: for development, tests and a single node.
 * DESIGN.md ("Storage and scale") keeps OCSP answers in Redis when REDIS_URL is set, so that every platform
 * node shares them; this one is the default when it is not.
 *
 * An entry is gone at its `expiresAt` (the answer's nextUpdate), judged by the clock passed in. The cache is
 * bounded by entries and by bytes (CRLs can be megabytes): when full it drops expired entries first, then the
 * least recently used. Values are copied in and out, so no caller can change what another one reads. The
 * cache only saves round trips; whoever reads an entry verifies it again before trusting it.
 *
 * @example
 *   const cache = memoryRevocationCache(systemClock, { maxEntries: 5000 });
 */
import type { Clock, RevocationCache } from '../ports';

export interface MemoryRevocationCacheOptions {
  /** Most entries kept. Default 1000: cards in use at once are few per issuer-serial pair a node sees. */
  maxEntries?: number;
  /** Most bytes kept over all values. Default 64 MiB, room for a few national-size CRLs. */
  maxBytes?: number;
}

export const DEFAULT_CACHE_MAX_ENTRIES = 1000;
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  value: Uint8Array;
  expiresAt: number;
}

export function memoryRevocationCache(clock: Clock, options: MemoryRevocationCacheOptions = {}): RevocationCache {
  const maxEntries = options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new TypeError(`memoryRevocationCache: maxEntries must be a positive integer, got ${maxEntries}`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError(`memoryRevocationCache: maxBytes must be a positive integer, got ${maxBytes}`);

  // A Map iterates in insertion order; re-inserting on read makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (entry) {
      bytes -= entry.value.byteLength;
      entries.delete(key);
    }
  };
  const dropExpired = (now: number) => {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) remove(key);
  };

  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock.now().getTime()) {
        remove(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value.slice();
    },

    async set(key, value, expiresAt) {
      const now = clock.now().getTime();
      const until = expiresAt.getTime();
      remove(key);
      if (!(until > now) || value.byteLength > maxBytes) return;
      if (entries.size >= maxEntries || bytes + value.byteLength > maxBytes) dropExpired(now);
      for (const oldest of entries.keys()) {
        if (entries.size < maxEntries && bytes + value.byteLength <= maxBytes) break;
        remove(oldest);
      }
      entries.set(key, { value: value.slice(), expiresAt: until });
      bytes += value.byteLength;
    },
  };
}
