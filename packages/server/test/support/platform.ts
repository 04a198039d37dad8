/** Test set-ups built from the real parts: a temporary data folder, SQLite (or PostgreSQL), the real app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/schema';
import { createPlatform, type Platform } from '../../src/platform';
import { buildApp } from '../../src/http/app';
import type { Availability } from '../../src/methods/availability';
import type { Clock } from '../../src/services/clock';

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-11-28T02:00:00Z')): ManualClock {
  let now = start;
  return {
    now: () => now,
    set: (ms) => void (now = ms),
    advance: (ms) => void (now += ms),
  };
}

export function tempDir(prefix = 'menhu-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A configuration as the platform would read it, with its own data folder and quiet logs. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly platform: Platform;
  readonly clock: ManualClock;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function testApp(options: { env?: Record<string, string>; clock?: ManualClock; methods?: Availability } = {}): Promise<TestApp> {
  const tmp = tempDir();
  const clock = options.clock ?? manualClock();
  const platform = await createPlatform(testConfig(tmp.dir, options.env), { clock });
  const app = await buildApp(platform, { logger: false, ...(options.methods ? { methods: options.methods } : {}) });
  return {
    app,
    platform,
    clock,
    dataDir: tmp.dir,
    async close() {
      await app.close();
      await platform.close();
      tmp.remove();
    },
  };
}

/** The value of a cookie set by a response, and its attributes. */
export function setCookie(headers: Record<string, unknown>, name: string): { value: string; attributes: string } | undefined {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  for (const line of list as string[]) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name) return { value: pair.slice(eq + 1), attributes: attrs.join(';') };
  }
  return undefined;
}

/** The hidden CSRF field of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}
