/**
 * The outside services some suites need (PostgreSQL, Redis, Chromium). Outside CI a suite whose service is
 * missing is skipped with a message naming what to install or start; under CI=true it fails instead.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether a service can be used; logs why not. Under CI a missing service is an error, not a skip, so a
 * green run always means the suite ran.
 */
export async function serviceAvailable(what: string, check: () => Promise<boolean> | boolean, remedy: string): Promise<boolean> {
  const ok = await check();
  if (ok) return true;
  const message = `${what} is not available: ${remedy}`;
  if (IN_CI) throw new Error(`${message} (CI=true: a missing service fails the run)`);
  console.warn(`skipping: ${message}`);
  return false;
}

export function postgresAvailable(): Promise<boolean> {
  const url = new URL(POSTGRES_URL);
  return serviceAvailable('PostgreSQL', () => reachable(url.hostname, Number(url.port || 5432)), `start PostgreSQL on ${url.host} (Debian package postgresql)`);
}

export function redisAvailable(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return serviceAvailable('Redis', () => reachable(url.hostname, Number(url.port || 6379)), `start Redis on ${url.host} (Debian package redis-server)`);
}

export function chromiumAvailable(): Promise<boolean> {
  return serviceAvailable('Chromium', () => existsSync(CHROMIUM), `install the Debian package chromium (expected at ${CHROMIUM})`);
}

export const OATHTOOL = process.env.OATHTOOL_PATH ?? '/usr/bin/oathtool';

/** oathtool (OATH Toolkit): an independent maker of TOTP codes for the tests of 軟體式動態密碼. */
export function oathtoolAvailable(): Promise<boolean> {
  return serviceAvailable('oathtool', () => existsSync(OATHTOOL), `install the Debian package oathtool (expected at ${OATHTOOL})`);
}
