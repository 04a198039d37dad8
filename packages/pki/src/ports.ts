/**
 * Outside I/O behind one-method interfaces (web-eid's habit), so tests and the server choose the real thing:
 * the clock, HTTP for OCSP and CRLs, and the cache of revocation answers.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
}

/**
 * Fetches a URL (GET, or POST with a body). Implementations must time out (OCSP: 5 s) and cap the body size;
 * any failure rejects.
 */
export interface HttpClient {
  request(url: string, options: { method: 'GET' | 'POST'; body?: Uint8Array; contentType?: string; timeoutMs: number; maxBytes: number }): Promise<HttpResponse>;
}

/** Revocation answers kept until their nextUpdate (memory here; Redis in the server). Values are DER. */
export interface RevocationCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array, expiresAt: Date): Promise<void>;
}
