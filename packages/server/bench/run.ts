/**
 * `npm run bench`: how fast the platform answers its busiest pages, measured in-process (Fastify inject, no
 * network) against embedded SQLite, so runs are comparable on one machine. Prints requests per second and
 * latency percentiles; the numbers are for comparing changes, not promises about production hardware.
 */
import { performance } from 'node:perf_hooks';
import type { InjectOptions } from 'fastify';
import { testApp, type TestApp } from '../test/support/platform';
import { oidcBench } from './oidc';

interface Case {
  readonly name: string;
  readonly request: () => InjectOptions;
}

async function measure(t: TestApp, c: Case, count: number): Promise<void> {
  for (let i = 0; i < 200; i++) await t.app.inject(c.request()); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await t.app.inject(c.request());
    times.push(performance.now() - t0);
    if (res.statusCode >= 400) throw new Error(`${c.name}: HTTP ${res.statusCode}`);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
  console.log(`${c.name.padEnd(34)} ${(count / total).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5)} ms   p95 ${pct(0.95)} ms   p99 ${pct(0.99)} ms   heap ${heap} MiB`);
}

const t = await testApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
try {
  for (let i = 0; i < 5; i++) await t.platform.announcements.add({ title: `公告 ${i}`, body: '維護期間暫停服務。'.repeat(5) });
  const first = await t.app.inject('/login');
  const cookie = String(first.headers['set-cookie']).split(';')[0]!;
  const count = Number(process.env.BENCH_COUNT ?? 3000);
  await measure(t, { name: 'GET /login, new visitor', request: () => ({ url: '/login' }) }, count);
  await measure(t, { name: 'GET /login, returning session', request: () => ({ url: '/login', headers: { cookie } }) }, count);
  await measure(t, { name: 'GET /session/status', request: () => ({ url: '/session/status', headers: { cookie } }) }, count);
  await measure(t, { name: 'GET /healthz', request: () => ({ url: '/healthz' }) }, count);
} finally {
  await t.close();
}

// Issue 8: token grants and password sign-ins over HTTP, beside a bare oidc-provider and bare argon2id (bench/oidc.ts).
await oidcBench();
