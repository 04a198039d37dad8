/**
 * The environment check (環境檢測): runs in the browser, without a PIN, when the citizen presses the button.
 *
 * | check     | how                                                                                     |
 * |-----------|-----------------------------------------------------------------------------------------|
 * | browser   | User-Agent Client Hints brands, else the User-Agent string; current Chrome/Edge pass     |
 * | cookies   | navigator.cookieEnabled, and a test cookie written and read back                         |
 * | popups    | window.open of the component's /popupForm returns null when blocked                      |
 * | component | a `{"func":"getTbs"}` from the component's exact origin and from that popup within 3.5 s |
 * | version   | `serverVersion` of the GetUserCert answer                                                |
 * | readers   | its `slots`; ret_code 0x76100003 means none                                              |
 * | card      | a slot with a `token`; ret_code 0x76000006 means none                                    |
 * | certs     | `token.certs[].notAfterT`; 0x76000031: this site is not trusted yet → /addDomain          |
 * | clock     | GET /envcheck/time; the server read it at about the middle of the round trip              |
 *
 * One popup answers one package and closes, and a second window.open would need a second gesture, so the
 * page sends GetUserCert (= /pkcs11info?withcert=true, HIPKI.md), which carries everything CheckEnvir
 * (= /pkcs11info) does plus the certificates. Messages go only to the component's exact origin, and only
 * messages whose event.origin is that origin and whose event.source is our popup are read (DESIGN.md
 * "Card login" 2).
 */
import { COMPONENT_RET } from '@menhu/protocol';

/** HIPKI.md "Codes" (compare unsigned: they may arrive as signed 32-bit integers). */
const RET = COMPONENT_RET;

/** HIPKI.md "Where it listens": pages treat no getTbs within about 3.5 s as "not installed or not running". */
const GET_TBS_WAIT_MS = 3500;
/** After getTbs the component reads the card; a slow reader may take a while, but not forever. */
const ANSWER_WAIT_MS = 30_000;
/** How long a popup that closed may still take to deliver its answer. */
const CLOSED_GRACE_MS = 1000;
/** A clock further off than this is reported: challenges and certificate checks use the time. */
const CLOCK_TOLERANCE_S = 60;
/** A certificate this close to its end gets a reminder to renew. */
const EXPIRY_WARNING_DAYS = 30;

/**
 * "Current" Chrome and Edge: both ship a major version every four weeks from Chrome 121 (23 January 2024)
 * on (chromiumdash.appspot.com/schedule); a browser more than four releases behind is out of date.
 */
const CHROME_121_RELEASE = Date.UTC(2024, 0, 23);
const RELEASE_EVERY_MS = 28 * 24 * 3600 * 1000;
const RELEASES_BEHIND_ALLOWED = 4;

const HELP = {
  install: '/help#install-component',
  card: '/help#card-failed',
  cookiesChrome: '/help#cookies-chrome',
  cookiesEdge: '/help#cookies-edge',
  locked: '/help#locked-card',
  clock: '/help#clock',
} as const;

type State = 'pending' | 'pass' | 'warn' | 'fail' | 'skip';
type CheckId = 'browser' | 'cookies' | 'popups' | 'component' | 'version' | 'readers' | 'card' | 'certs' | 'clock';
type Texts = Record<string, string>;

interface Link {
  readonly href: string;
  readonly text: string;
}

interface Result {
  readonly state: State;
  readonly lines: readonly string[];
  readonly links?: readonly Link[];
}

interface CertInfo {
  readonly subjectDN?: string;
  readonly usage?: string;
  readonly notAfterT?: string;
}

interface Slot {
  readonly slotDescription?: string;
  readonly token?: { readonly label?: string; readonly certs?: readonly CertInfo[] };
}

interface InfoAnswer {
  readonly ret_code?: number;
  readonly serverVersion?: string;
  readonly version?: string;
  readonly slots?: readonly Slot[];
}

const SIGN: Record<State, string> = { pending: '○', pass: '✓', warn: '!', fail: '✗', skip: '–' };

export function startEnvCheck(doc: Document): void {
  const root = doc.getElementById('envcheck');
  const button = doc.getElementById('envcheck-start') as HTMLButtonElement | null;
  const status = doc.getElementById('envcheck-status');
  const textsEl = doc.getElementById('envcheck-texts');
  const signerOrigin = root?.dataset.signerOrigin;
  if (!root || !button || !status || !textsEl || !signerOrigin) return;
  const texts = JSON.parse(textsEl.textContent ?? '{}') as Texts;
  const lang = root.dataset.lang === 'en' ? 'en' : 'zh-TW';
  const t = (key: string, params: Record<string, string | number> = {}): string =>
    (texts[`envcheck.${key}`] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

  const results = new Map<CheckId, Result>();

  function show(id: CheckId, result: Result): void {
    results.set(id, result);
    const item = doc.getElementById(`envcheck-${id}`);
    if (!item) return;
    item.dataset.state = result.state;
    const state = item.querySelector('.envcheck__state');
    if (state) {
      const sign = doc.createElement('span');
      sign.setAttribute('aria-hidden', 'true');
      sign.textContent = `${SIGN[result.state]} `;
      const word = doc.createElement('strong');
      word.textContent = t(`state.${result.state}`);
      state.replaceChildren(sign, word);
    }
    const detail = item.querySelector('.envcheck__detail');
    if (!detail) return;
    const nodes: Node[] = result.lines.map((line) => {
      const p = doc.createElement('p');
      p.textContent = line;
      return p;
    });
    if (result.links?.length) {
      const list = doc.createElement('ul');
      list.className = 'link-row';
      for (const link of result.links) {
        const li = doc.createElement('li');
        const a = doc.createElement('a');
        a.href = link.href;
        a.textContent = link.text;
        li.append(a);
        list.append(li);
      }
      nodes.push(list);
    }
    detail.replaceChildren(...nodes);
  }

  function reset(): void {
    for (const item of root!.querySelectorAll<HTMLElement>('[data-state]')) {
      const id = item.id.replace(/^envcheck-/, '') as CheckId;
      show(id, { state: 'pending', lines: [] });
    }
    results.clear();
  }

  const browser = detectBrowser(navigator, Date.now());

  async function run(): Promise<void> {
    button!.disabled = true;
    reset();
    status!.textContent = t('progress.running');

    // window.open first, while the click still counts as a user gesture.
    const popup = window.open(`${signerOrigin}/popupForm`, 'menhu-envcheck', 'width=480,height=400');
    show('browser', checkBrowser(browser, t));
    show('cookies', checkCookies(doc, browser, t));

    const clock = checkClock(t).then((r) => show('clock', r));
    if (!popup) {
      show('popups', { state: 'fail', lines: [t('popups.blocked')] });
      for (const id of ['component', 'version', 'readers', 'card', 'certs'] as const) {
        show(id, { state: 'skip', lines: [t('skipped.noPopup')] });
      }
    } else {
      show('popups', { state: 'pass', lines: [t('popups.allowed')] });
      status!.textContent = t('progress.component');
      const outcome = await talkToComponent(popup, signerOrigin!);
      showComponent(outcome);
    }
    await clock;

    let problems = 0;
    let warnings = 0;
    for (const r of results.values()) {
      // A check skipped because another failed is not counted again: its cause already is.
      if (r.state === 'fail') problems++;
      else if (r.state === 'warn') warnings++;
    }
    status!.textContent = t('progress.done', { problems, warnings });
    button!.textContent = t('again');
    button!.disabled = false;
  }

  function showComponent(outcome: ComponentOutcome): void {
    const install: Link = { href: HELP.install, text: t('help.install') };
    const cardHelp: Link = { href: HELP.card, text: t('help.card') };
    const locked: Link = { href: HELP.locked, text: t('help.locked') };
    const rest = (reason: string) => {
      for (const id of ['version', 'readers', 'card', 'certs'] as const) show(id, { state: 'skip', lines: [reason] });
    };
    if (outcome.kind === 'silent') {
      show('component', { state: 'fail', lines: [t('component.missing')], links: [install] });
      return rest(t('skipped.noComponent'));
    }
    if (outcome.kind === 'no-answer') {
      show('component', { state: 'fail', lines: [t('component.noAnswer')], links: [install] });
      return rest(t('skipped.noComponent'));
    }
    const answer = outcome.answer;
    const ret = (answer.ret_code ?? 0x7600000d) >>> 0;
    const known: number[] = [RET.OK, RET.NO_CARD, RET.NO_READER, RET.SITE_NOT_TRUSTED];
    if (!known.includes(ret)) {
      show('component', { state: 'fail', lines: [t('component.failed', { code: hex(ret) })], links: [install] });
      return rest(t('skipped.noComponent'));
    }
    show('component', { state: 'pass', lines: [t('component.running', { origin: signerOrigin! })] });
    const version = answer.serverVersion ?? answer.version ?? '';
    show('version', version ? { state: 'pass', lines: [t('version.value', { version })] } : { state: 'warn', lines: [t('version.unknown')] });

    const slots = Array.isArray(answer.slots) ? answer.slots : [];
    // The official component may leave out the slots when it refuses certificates to an untrusted site.
    const slotsKnown = slots.length > 0 || ret !== RET.SITE_NOT_TRUSTED;
    if (!slotsKnown) {
      show('readers', { state: 'skip', lines: [t('skipped.notTrusted')] });
      show('card', { state: 'skip', lines: [t('skipped.notTrusted')] });
    } else if (ret === RET.NO_READER || slots.length === 0) {
      show('readers', { state: 'fail', lines: [t('readers.none')], links: [cardHelp] });
      show('card', { state: 'skip', lines: [t('readers.none')] });
      return show('certs', { state: 'skip', lines: [t('readers.none')] });
    } else {
      const names = slots.map((s) => s.slotDescription || '?').join(lang === 'en' ? ', ' : '、');
      show('readers', { state: 'pass', lines: [t('readers.found', { count: slots.length, names })] });
      const withCard = slots.filter((s) => s.token);
      if (ret === RET.NO_CARD || withCard.length === 0) {
        show('card', { state: 'fail', lines: [t('card.absent')], links: [cardHelp, locked] });
        return show('certs', { state: 'skip', lines: [t('card.absent')] });
      }
      const cards = withCard.map((s) => s.token?.label || s.slotDescription || '?').join(lang === 'en' ? ', ' : '、');
      show('card', { state: 'pass', lines: [t('card.present', { card: cards }), t('card.lockNote')], links: [locked] });
    }

    if (ret === RET.SITE_NOT_TRUSTED) {
      const here = window.location.origin;
      const add = `${signerOrigin}/addDomain?origin=${encodeURIComponent(here)}`;
      return show('certs', { state: 'warn', lines: [t('certs.notTrusted', { origin: here })], links: [{ href: add, text: t('certs.addSite') }] });
    }
    show('certs', describeCerts(slots.flatMap((s) => s.token?.certs ?? []), Date.now(), t, lang, cardHelp));
  }

  button.hidden = false;
  button.addEventListener('click', () => {
    run().catch(() => {
      // Every check catches its own failures; this is a last guard so the button never stays disabled.
      button.disabled = false;
    });
  });
}

type ComponentOutcome = { kind: 'silent' } | { kind: 'no-answer' } | { kind: 'answer'; answer: InfoAnswer };

/**
 * The popup protocol (HIPKI.md "Where it listens"): wait for getTbs, answer with the package, take the next
 * message as the answer. The popup closes itself after answering; we close it on a time-out.
 */
function talkToComponent(popup: Window, signerOrigin: string): Promise<ComponentOutcome> {
  return new Promise((resolve) => {
    let greeted = false;
    let timer = window.setTimeout(() => finish({ kind: 'silent' }), GET_TBS_WAIT_MS);
    // Someone may close the popup before it answers. It also closes itself right after posting the answer,
    // so a closed popup gets a moment's grace for that message to arrive.
    let closedSince: number | undefined;
    const watcher = window.setInterval(() => {
      if (!greeted || !popup.closed) return;
      closedSince ??= Date.now();
      if (Date.now() - closedSince >= CLOSED_GRACE_MS) finish({ kind: 'no-answer' });
    }, 250);
    function finish(outcome: ComponentOutcome): void {
      window.clearTimeout(timer);
      window.clearInterval(watcher);
      window.removeEventListener('message', onMessage);
      try {
        if (!popup.closed) popup.close();
      } catch {
        // A closed or navigated popup may refuse; nothing is left to do.
      }
      resolve(outcome);
    }
    function onMessage(event: MessageEvent): void {
      if (event.origin !== signerOrigin || event.source !== popup) return;
      let data: unknown;
      try {
        data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
      } catch {
        return;
      }
      if (!data || typeof data !== 'object') return;
      if (!greeted) {
        if ((data as { func?: unknown }).func !== 'getTbs') return;
        greeted = true;
        window.clearTimeout(timer);
        timer = window.setTimeout(() => finish({ kind: 'no-answer' }), ANSWER_WAIT_MS);
        popup.postMessage(JSON.stringify({ func: 'GetUserCert' }), signerOrigin);
        return;
      }
      finish({ kind: 'answer', answer: data as InfoAnswer });
    }
    window.addEventListener('message', onMessage);
  });
}

interface BrowserInfo {
  readonly name: string;
  readonly version: string;
  readonly family: 'chrome' | 'edge' | 'other';
  readonly supported: boolean;
}

interface UaBrand {
  readonly brand: string;
  readonly version: string;
}

export function detectBrowser(nav: Navigator, now: number): BrowserInfo {
  const brands = (nav as Navigator & { userAgentData?: { brands?: readonly UaBrand[] } }).userAgentData?.brands ?? [];
  const ua = nav.userAgent;
  let name = '';
  let version = '';
  let family: BrowserInfo['family'] = 'other';
  const brand = (n: string) => brands.find((b) => b.brand === n);
  const edge = brand('Microsoft Edge');
  const chrome = brand('Google Chrome');
  const match = (re: RegExp) => re.exec(ua)?.[1];
  if (edge) [name, version, family] = ['Microsoft Edge', edge.version, 'edge'];
  else if (chrome) [name, version, family] = ['Google Chrome', chrome.version, 'chrome'];
  else if (brand('Opera')) [name, version] = ['Opera', brand('Opera')!.version];
  else if (brand('Chromium')) [name, version] = ['Chromium', brand('Chromium')!.version];
  else if (match(/Edg\/(\d+)/)) [name, version, family] = ['Microsoft Edge', match(/Edg\/(\d+)/)!, 'edge'];
  else if (match(/(?:OPR|Opera)\/(\d+)/)) [name, version] = ['Opera', match(/(?:OPR|Opera)\/(\d+)/)!];
  else if (match(/Firefox\/(\d+)/)) [name, version] = ['Firefox', match(/Firefox\/(\d+)/)!];
  else if (match(/Chrome\/(\d+)/)) [name, version, family] = ['Google Chrome', match(/Chrome\/(\d+)/)!, 'chrome'];
  else if (match(/Version\/(\d+)[\d.]* .*Safari/)) [name, version] = ['Safari', match(/Version\/(\d+)[\d.]* .*Safari/)!];
  const major = Number.parseInt(version, 10);
  const expected = 121 + Math.floor((now - CHROME_121_RELEASE) / RELEASE_EVERY_MS);
  const supported = family !== 'other' && Number.isFinite(major) && major >= expected - RELEASES_BEHIND_ALLOWED;
  return { name, version, family, supported };
}

function checkBrowser(b: BrowserInfo, t: (k: string, p?: Record<string, string | number>) => string): Result {
  const params = { browser: b.name || t('browser.unknown'), version: b.version || '?' };
  // Chrome and Edge are the browsers that ask about the local network: point to the page's explanation.
  const links: Link[] = b.family === 'other' ? [] : [{ href: '#envcheck-lna', text: t('lna.heading') }];
  if (b.supported) return { state: 'pass', lines: [t('browser.supported', params)], links };
  if (b.family !== 'other') return { state: 'warn', lines: [t('browser.outdated', params)], links };
  return { state: 'warn', lines: [t('browser.other', params)] };
}

function checkCookies(doc: Document, b: BrowserInfo, t: (k: string) => string): Result {
  let works = navigator.cookieEnabled;
  if (works) {
    // cookieEnabled can say yes while a site-specific block refuses ours: write one and read it back.
    const name = `menhu_cookie_check_${Math.random().toString(36).slice(2, 8)}`;
    doc.cookie = `${name}=1; path=/; SameSite=Lax`;
    works = doc.cookie.split('; ').some((c) => c === `${name}=1`);
    doc.cookie = `${name}=; path=/; SameSite=Lax; max-age=0`;
  }
  if (works) return { state: 'pass', lines: [t('cookies.on')] };
  const chrome: Link = { href: HELP.cookiesChrome, text: t('help.cookiesChrome') };
  const edge: Link = { href: HELP.cookiesEdge, text: t('help.cookiesEdge') };
  return { state: 'fail', lines: [t('cookies.off')], links: b.family === 'edge' ? [edge, chrome] : [chrome, edge] };
}

/** The server read its clock at about the middle of our round trip (the NTP-style estimate, RFC 5905 §8). */
async function checkClock(t: (k: string, p?: Record<string, string | number>) => string): Promise<Result> {
  try {
    const sent = Date.now();
    const res = await fetch('/envcheck/time', { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
    const received = Date.now();
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = (await res.json()) as { now?: unknown };
    if (typeof body.now !== 'number') throw new Error('no time');
    const offsetMs = sent + (received - sent) / 2 - body.now;
    const seconds = Math.abs(offsetMs / 1000);
    const shown = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
    return seconds <= CLOCK_TOLERANCE_S
      ? { state: 'pass', lines: [t('clock.ok', { seconds: shown })] }
      : { state: 'fail', lines: [t('clock.off', { seconds: shown })], links: [{ href: HELP.clock, text: t('help.clock') }] };
  } catch {
    return { state: 'skip', lines: [t('clock.failed')] };
  }
}

function describeCerts(
  certs: readonly CertInfo[],
  now: number,
  t: (k: string, p?: Record<string, string | number>) => string,
  lang: 'zh-TW' | 'en',
  cardHelp: Link,
): Result {
  if (certs.length === 0) return { state: 'fail', lines: [t('certs.none')], links: [cardHelp] };
  let state: State = 'pass';
  const lines = certs.map((cert) => {
    const end = Date.parse(cert.notAfterT ?? '');
    const usage = cert.usage === 'digitalSignature' ? t('certs.usage.sign') : cert.usage ? t('certs.usage.encrypt') : '';
    const subject = `${commonName(cert.subjectDN ?? '')}${usage ? ` (${usage})` : ''}`;
    let line = t('certs.item', { subject, date: Number.isFinite(end) ? taipeiDate(end) : '?' });
    const daysLeft = (end - now) / 86_400_000;
    if (!Number.isFinite(end) || daysLeft < 0) {
      state = 'fail';
      line += lang === 'en' ? ` — ${t('certs.expired')}` : `，${t('certs.expired')}`;
    } else if (daysLeft <= EXPIRY_WARNING_DAYS) {
      if (state === 'pass') state = 'warn';
      line += lang === 'en' ? ` — ${t('certs.expiresSoon', { days: EXPIRY_WARNING_DAYS })}` : `，${t('certs.expiresSoon', { days: EXPIRY_WARNING_DAYS })}`;
    }
    return line;
  });
  return { state, lines };
}

/** The CN of a DN string, or the whole string when it has none. */
function commonName(dn: string): string {
  const cn = /(?:^|[,/]\s*)CN=([^,/]+)/.exec(dn)?.[1];
  return (cn ?? dn).trim() || '?';
}

/** YYYY-MM-DD as the date in Taiwan, where the certificates' users are. */
function taipeiDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
}
