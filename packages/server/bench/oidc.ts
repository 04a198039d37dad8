/**
 * Issue 8's benchmark, run by `npm run bench` after the page benchmarks: what the platform costs on top of the
 * work it cannot avoid, measured in one run on one machine.
 *
 * - Token endpoint: client-credentials and refresh-token grants through the platform (the real server over
 *   HTTP on 127.0.0.1, started in this process as test/support/oidc.ts does, agencies added through
 *   platform.agencies, its SQLite store, audit and rate limits) beside a bare oidc-provider 9 (the same signing
 *   keys, taken from platform.oidc.keys.current(), the same lifetimes, scopes and claims, static clients, an
 *   in-memory adapter, served by node:http).
 * - Password sign-in: POST /login with the demo account through the platform, each into a new session, beside
 *   the bare argon2id verification (services/passwords.ts) it is built around.
 *
 * How it measures: the HTTP load comes from a child process (this file, forked), so that this process does
 * nothing but serve: keep-alive node:http, a fixed number of requests in flight (BENCH_CONCURRENCY, 8), a
 * warm-up second, then BENCH_SECONDS (3) timed. "Per core" is requests ÷ the CPU seconds (user + system, every
 * thread, argon2's pool included) this process spent between the child's "start" and "done", so it does not
 * depend on how many cores the machine has or how busy the load generator keeps them. The bare argon2id runs in
 * this process with the same number in flight, measured the same way.
 *
 * Refresh tokens: oidc-provider's default rotateRefreshToken rotates only for public clients (or after 70 % of
 * the token's lifetime); agencies are confidential (client_secret_basic), so one refresh token is presented
 * again and again on both sides, a loop that is repeatable and the same for both. The platform's comes from one
 * real code flow (login and consent pages); the bare provider's is minted through its own models. Each grant
 * issues an RS256 ID token on both sides.
 *
 * Sign-ins: POST /login allows 60 a minute per client address (routes/login.ts), so the platform runs with
 * TRUSTED_PROXIES=127.0.0.1 and each sign-in comes "from" its own address (X-Forwarded-For), as citizens
 * behind the platform's reverse proxy would. The sessions (GET /login: cookie and form token) are opened
 * before the timed part; only the POSTs are timed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Adapter, AdapterPayload, Configuration } from 'oidc-provider';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = 1;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const AGENCY_ORIGIN = 'http://127.0.0.1:9';
const REDIRECT = `${AGENCY_ORIGIN}/callback`;
const RP_SCOPE = 'openid profile email offline_access';

/** What the load generator is asked to do. */
type Job =
  | { readonly kind: 'post'; readonly url: string; readonly headers: Record<string, string>; readonly body: string }
  | { readonly kind: 'signin'; readonly baseUrl: string; readonly account: string; readonly password: string };

type FromChild =
  | { readonly type: 'started' }
  | { readonly type: 'done'; readonly count: number; readonly seconds: number; readonly p50: number; readonly p99: number }
  | { readonly type: 'error'; readonly message: string };

interface Measured {
  readonly name: string;
  readonly count: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly p50: number;
  readonly p99: number;
}

const perCore = (m: Pick<Measured, 'count' | 'cpuSeconds'>): number => m.count / m.cpuSeconds;

/** The reading of one pair: the platform's work per core against the bare one's, and its CPU per request. */
function reading(what: string, units: readonly [string, string], platform: Measured, bare: Measured, bareName: string): string {
  const ratio = perCore(platform) / perCore(bare);
  const more = 1000 / perCore(platform) - 1000 / perCore(bare);
  return (
    `${what}: ${perCore(platform).toFixed(0)} ${units[0]} vs ${perCore(bare).toFixed(0)} ${units[1]} per core-second, the platform at ${ratio.toFixed(2)}× ` +
    `${bareName}; it spends ${(1 / ratio).toFixed(1)}× the CPU per request (${more >= 0 ? '+' : ''}${more.toFixed(2)} ms each)`
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * `concurrency` loops doing `op` until `ms` have passed (or `op` says there is no more work); the requests
 * in flight at the deadline finish and count.
 */
async function lanes(concurrency: number, ms: number, op: () => Promise<boolean | void>) {
  const times: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  let exhausted = false;
  const lane = async () => {
    while (!exhausted && performance.now() < deadline) {
      const t0 = performance.now();
      if ((await op()) === false) {
        exhausted = true;
        return;
      }
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { count: times.length, seconds, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

function line(m: Measured): void {
  const perSecond = (m.count / m.seconds).toFixed(0).padStart(6);
  const cores = (m.cpuSeconds / m.seconds).toFixed(2);
  console.log(
    `${m.name.padEnd(42)} ${perSecond} /s   ${perCore(m).toFixed(0).padStart(6)} /core-s   cpu ${cores} cores   p50 ${m.p50.toFixed(2)} ms   p99 ${m.p99.toFixed(2)} ms`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The load generator (the forked child): node:http with keep-alive, nothing else.

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function send(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const all = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request(url, { method, headers: all, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const unexpected = (what: string, res: Reply) => new Error(`${what}: HTTP ${res.status} ${res.headers.location ?? ''} ${res.body.slice(0, 300)}`);

async function runJob(job: Job, started: () => void) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    if (job.kind === 'post') {
      const url = new URL(job.url);
      const op = async () => {
        const res = await send(agent, url, 'POST', job.headers, job.body);
        if (res.status !== 200 || !res.body.includes('"access_token"')) throw unexpected(job.url, res);
      };
      await lanes(CONCURRENCY, WARMUP_SECONDS * 1000, op);
      started();
      return await lanes(CONCURRENCY, SECONDS * 1000, op);
    }

    // Sign-ins: a session (cookie, form token) per sign-in, each from an address of its own.
    const login = new URL('/login', job.baseUrl);
    let serial = 0;
    const address = () => {
      serial++;
      return `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`;
    };
    const open = async () => {
      const from = address();
      const res = await send(agent, login, 'GET', { 'accept-language': 'zh-TW', 'x-forwarded-for': from });
      const csrf = (/name="_csrf" value="([^"]+)"/.exec(res.body) ?? /<meta name="csrf-token" content="([^"]+)"/.exec(res.body))?.[1];
      const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
      if (res.status !== 200 || !csrf || !cookie) throw unexpected('GET /login', res);
      return { from, csrf, cookie };
    };
    const signIn = async (s: { from: string; csrf: string; cookie: string }) => {
      const body = new URLSearchParams({ _csrf: s.csrf, account: job.account, password: job.password }).toString();
      const headers = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-TW', 'x-forwarded-for': s.from };
      const res = await send(agent, login, 'POST', headers, body);
      if (res.status !== 303 || res.headers.location !== '/account') throw unexpected('POST /login', res);
    };
    const warm = await lanes(CONCURRENCY, WARMUP_SECONDS * 1000, async () => signIn(await open()));
    // Enough sessions for the timed part at twice the warm-up's pace (which also opened sessions); if they run
    // out first, the timed part is shorter, and its numbers still hold.
    const pool = Array.from({ length: Math.min(50_000, Math.ceil((warm.count / warm.seconds) * SECONDS * 2) + CONCURRENCY) }, () => open);
    const sessions: Awaited<ReturnType<typeof open>>[] = [];
    await lanes(CONCURRENCY, Number.POSITIVE_INFINITY, async () => {
      const next = pool.pop();
      if (!next) return false;
      sessions.push(await next());
    });
    started();
    return await lanes(CONCURRENCY, SECONDS * 1000, async () => {
      const s = sessions.pop();
      if (!s) return false;
      await signIn(s);
    });
  } finally {
    agent.destroy();
  }
}

function loadGenerator(): void {
  const reply = (m: FromChild) => process.send!(m);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (job: Job) => {
    runJob(job, () => reply({ type: 'started' })).then(
      (r) => reply({ type: 'done', ...r }),
      (err: unknown) => reply({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  });
}

if (process.env['MENHU_BENCH_LOAD'] === '1' && process.send) loadGenerator();

// ---------------------------------------------------------------------------------------------------------
// This process: the servers, and the CPU time they spend.

/** Runs a job in the child; this process's CPU time from the child's "started" to its "done". */
function drive(child: ChildProcess, name: string, job: Job): Promise<Measured> {
  return new Promise((resolve, reject) => {
    let cpu0: NodeJS.CpuUsage | undefined;
    const onExit = (code: number | null) => reject(new Error(`${name}: the load generator exited (${String(code)})`));
    const onMessage = (m: FromChild) => {
      if (m.type === 'started') {
        cpu0 = process.cpuUsage();
        return;
      }
      child.off('message', onMessage).off('exit', onExit);
      if (m.type === 'error') return reject(new Error(`${name}: ${m.message}`));
      const cpu = process.cpuUsage(cpu0);
      resolve({ name, count: m.count, seconds: m.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, p50: m.p50, p99: m.p99 });
    };
    child.on('message', onMessage).on('exit', onExit);
    child.send(job);
  });
}

/** The same, for work done in this process (the bare argon2id). */
async function inProcess(name: string, op: () => Promise<void>): Promise<Measured> {
  await lanes(CONCURRENCY, WARMUP_SECONDS * 1000, op);
  const cpu0 = process.cpuUsage();
  const r = await lanes(CONCURRENCY, SECONDS * 1000, op);
  const cpu = process.cpuUsage(cpu0);
  return { name, ...r, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** oidc-provider's storage in a Map: the least a provider could do. */
function memoryAdapter(): (name: string) => Adapter {
  const rows = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const byUid = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  const now = () => Math.floor(Date.now() / 1000);
  return (kind) => {
    const key = (id: string) => `${kind}:${id}`;
    const get = (k: string | undefined) => {
      const row = k === undefined ? undefined : rows.get(k);
      return row && row.expiresAt > now() ? row.payload : undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        rows.set(key(id), { payload, expiresAt: typeof expiresIn === 'number' ? now() + expiresIn : Number.POSITIVE_INFINITY });
        if (typeof payload.uid === 'string') byUid.set(payload.uid, key(id));
        if (typeof payload.grantId === 'string') byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key(id)));
      },
      find: async (id) => get(key(id)),
      findByUid: async (uid) => get(byUid.get(uid)),
      findByUserCode: async () => undefined,
      async consume(id) {
        const row = rows.get(key(id));
        if (row) row.payload = { ...row.payload, consumed: now() };
      },
      async destroy(id) {
        rows.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const k of byGrant.get(grantId) ?? []) rows.delete(k);
        byGrant.delete(grantId);
      },
    };
  };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

export async function oidcBench(): Promise<void> {
  const [{ default: Provider }, client, { startOidcPlatform, WebUser }, { OIDC_TTL }, { DEMO_ACCOUNT }, { hashPassword, verifyPassword }, { normalisePassword }, { freePort }] =
    await Promise.all([
      import('oidc-provider'),
      import('openid-client'),
      import('../test/support/oidc'),
      import('../src/oidc/provider'),
      import('../src/services/demo'),
      import('../src/services/passwords'),
      import('@menhu/protocol'),
      import('../test/support/ports'),
    ]);

  const p = await startOidcPlatform({ RATE_LIMIT_PER_MINUTE: '1000000', TRUSTED_PROXIES: '127.0.0.1' });
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: process.execArgv, env: { ...process.env, MENHU_BENCH_LOAD: '1' } });
  let bareServer: http.Server | undefined;
  try {
    // The platform: a back end with client credentials, and a site whose citizen signed in once, offline.
    const { platform } = p.server;
    const backEnd = await platform.agencies.add({ name: '效能測試後端', redirectUris: [], clientCredentials: true, sector: 'bench.example.tw' });
    const site = await platform.agencies.add({ name: '效能測試機關', redirectUris: [REDIRECT], scopes: ['openid', 'profile', 'email', 'offline_access'] });
    const config = await p.relyingParty(site.agency.clientId, site.clientSecret);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: RP_SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
    });
    const user = new WebUser(AGENCY_ORIGIN);
    await user.go(url);
    const consentPage = await user.go(new URL('/login', p.baseUrl), { account: DEMO_ACCOUNT.accountName, password: DEMO_ACCOUNT.password });
    if (!consentPage.url.pathname.startsWith('/interaction/')) throw new Error(`the platform's code flow stopped at ${consentPage.url.pathname} (HTTP ${consentPage.status})`);
    const back = await user.go(new URL(`${consentPage.url.pathname}/consent`, p.baseUrl), { decision: 'allow' });
    const platformTokens = await client.authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: state });
    if (!platformTokens.refresh_token) throw new Error('the platform issued no refresh token');

    // The bare provider: the platform's keys, lifetimes, scopes and claims; static clients; a Map for storage.
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const pairwiseKey = randomBytes(32);
    const bareClients = {
      backEnd: { client_id: 'bench-back-end', client_secret: randomBytes(32).toString('base64url') },
      site: { client_id: 'bench-site', client_secret: randomBytes(32).toString('base64url') },
    };
    const configuration: Configuration = {
      adapter: memoryAdapter(),
      jwks: { keys: (await platform.oidc.keys.current()) as never },
      clients: [
        {
          ...bareClients.backEnd,
          redirect_uris: [],
          grant_types: ['client_credentials'],
          response_types: [],
          token_endpoint_auth_method: 'client_secret_basic',
          subject_type: 'public',
          scope: 'openid profile email',
        },
        {
          ...bareClients.site,
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          subject_type: 'pairwise',
          scope: RP_SCOPE,
          require_auth_time: true,
        },
      ],
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      routes: { authorization: '/oidc/auth', token: '/oidc/token', jwks: '/oidc/jwks', userinfo: '/oidc/me', introspection: '/oidc/token/introspection', revocation: '/oidc/token/revocation', end_session: '/oidc/session/end' },
      scopes: ['openid', 'offline_access', 'profile', 'email', 'tw_id'],
      claims: { sid: null, iss: null, openid: ['sub', 'acr', 'amr', 'auth_time'], profile: ['name'], email: ['email', 'email_verified'], tw_id: ['tw_id'] } as unknown as Configuration['claims'],
      acrValues: ['low', 'substantial', 'high'],
      subjectTypes: ['public', 'pairwise'],
      pairwiseIdentifier: async (_ctx, accountId, c) => createHmac('sha256', pairwiseKey).update(`oidc.pairwise\0${c.clientId}\0${accountId}`).digest('base64url'),
      pkce: { required: () => true },
      responseTypes: ['code'],
      features: {
        devInteractions: { enabled: false },
        introspection: { enabled: true, allowedPolicy: async (_ctx, c, token) => token.clientId === c.clientId },
        revocation: { enabled: true, allowedPolicy: async (_ctx, c, token) => token.clientId === c.clientId },
        clientCredentials: { enabled: true },
        userinfo: { enabled: true },
      },
      issueRefreshToken: async (_ctx, c, code) => c.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
      ttl: { ...OIDC_TTL },
      findAccount: async (_ctx, accountId) => ({
        accountId,
        async claims(_use, scope) {
          const scopes = new Set(scope.split(' '));
          return {
            sub: accountId,
            ...(scopes.has('profile') ? { name: DEMO_ACCOUNT.displayName } : {}),
            ...(scopes.has('email') ? { email: DEMO_ACCOUNT.email, email_verified: true } : {}),
          };
        },
      }),
    };
    const bare = new Provider(issuer, configuration);
    bareServer = http.createServer(bare.callback());
    await new Promise<void>((resolve) => bareServer!.listen(port, '127.0.0.1', resolve));
    const siteClient = (await bare.Client.find(bareClients.site.client_id))!;
    const accountId = 'bench-account';
    const grant = new bare.Grant({ accountId, clientId: siteClient.clientId });
    grant.addOIDCScope(RP_SCOPE);
    const grantId = await grant.save();
    const bareRefreshToken = await new bare.RefreshToken({
      client: siteClient,
      accountId,
      grantId,
      gty: 'authorization_code',
      scope: RP_SCOPE,
      acr: 'low',
      amr: ['pwd'],
      authTime: Math.floor(Date.now() / 1000),
      expiresWithSession: false,
    }).save();

    const tokenUrl = (base: string) => new URL('/oidc/token', base).href;
    const cc = (base: string, id: string, secret: string): Job => ({
      kind: 'post',
      url: tokenUrl(base),
      headers: { ...form, authorization: basic(id, secret) },
      body: 'grant_type=client_credentials',
    });
    const rt = (base: string, id: string, secret: string, token: string): Job => ({
      kind: 'post',
      url: tokenUrl(base),
      headers: { ...form, authorization: basic(id, secret) },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }).toString(),
    });
    const platformRt = rt(p.baseUrl, site.agency.clientId, site.clientSecret, platformTokens.refresh_token);
    const bareRt = rt(issuer, bareClients.site.client_id, bareClients.site.client_secret, bareRefreshToken);

    // The loop relies on the refresh token staying the same, and compares like with like: check both once.
    for (const [side, job] of [['platform', platformRt], ['bare provider', bareRt]] as const) {
      if (job.kind !== 'post') continue;
      const res = await fetch(job.url, { method: 'POST', headers: job.headers, body: job.body });
      const body = (await res.json()) as Record<string, unknown>;
      const sent = new URLSearchParams(job.body).get('refresh_token');
      if (res.status !== 200 || typeof body['id_token'] !== 'string' || body['refresh_token'] !== sent) {
        throw new Error(`${side}: a refresh did not answer 200 with an ID token and the same refresh token: ${JSON.stringify(body).slice(0, 300)}`);
      }
    }

    console.log(
      `\nOIDC and password sign-in over HTTP on 127.0.0.1, ${CONCURRENCY} in flight, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s timed each; ` +
        `/core-s = requests per CPU second of the serving process (user+system, all threads; load from a child process)`,
    );
    const run = async (m: Promise<Measured>) => {
      const r = await m;
      line(r);
      return r;
    };
    const ccPlatform = await run(drive(child, 'client credentials, platform', cc(p.baseUrl, backEnd.agency.clientId, backEnd.clientSecret)));
    const ccBare = await run(drive(child, 'client credentials, bare oidc-provider', cc(issuer, bareClients.backEnd.client_id, bareClients.backEnd.client_secret)));
    const rtPlatform = await run(drive(child, 'refresh token, platform', platformRt));
    const rtBare = await run(drive(child, 'refresh token, bare oidc-provider', bareRt));
    const signIns = await run(
      drive(child, 'password sign-in (POST /login), platform', { kind: 'signin', baseUrl: p.baseUrl, account: DEMO_ACCOUNT.accountName, password: DEMO_ACCOUNT.password }),
    );
    const password = normalisePassword(DEMO_ACCOUNT.password);
    const stored = await hashPassword(password);
    const argon = await run(
      inProcess('argon2id verification, bare (in-process)', async () => {
        if (!(await verifyPassword(stored, password))) throw new Error('argon2id: the demo password did not verify');
      }),
    );
    console.log(reading('client credentials', ['grants', 'grants'], ccPlatform, ccBare, 'the bare provider'));
    console.log(reading('refresh token', ['grants', 'grants'], rtPlatform, rtBare, 'the bare provider'));
    console.log(reading('password sign-in', ['sign-ins', 'verifications'], signIns, argon, 'bare argon2id'));
  } finally {
    child.disconnect();
    bareServer?.closeAllConnections();
    await new Promise<void>((resolve) => (bareServer ? bareServer.close(() => resolve()) : resolve()));
    await p.close();
  }
}
