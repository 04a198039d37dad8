/**
 * 登入中的裝置: the account's signed-in browsers, the most recently active first — when each signed in, when it
 * was last active, the browser and the address it signed in from — this one marked, and signing out the rest.
 */
import { formatRocDateTime } from '@menhu/protocol';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { SettingsFrame } from './SettingsFrame';

export interface SignedInBrowser {
  readonly current: boolean;
  readonly signedInAt: Date;
  readonly lastActiveAt: Date;
  readonly userAgent: string | null;
  readonly ip: string | null;
}

/** Checked in this order: Edge and Opera also say Chrome, Chrome also says Safari. */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* .*Safari\//, 'Safari'],
];
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/**
 * A name a person recognises ("Firefox 128", "Windows") from a User-Agent, best effort; the whole string when
 * nothing is recognised. Only for showing: nothing is decided on it.
 */
export function describeUserAgent(userAgent: string): { browser: string; system: string } | undefined {
  const browser = BROWSERS.map(([re, name]) => {
    const m = re.exec(userAgent);
    return m ? `${name} ${m[1]}` : undefined;
  }).find(Boolean);
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  return browser && system ? { browser, system } : undefined;
}

export function SettingsSessionsPage(props: { ctx: PageContext; sessions: readonly SignedInBrowser[]; notice?: string | undefined }) {
  const { ctx } = props;
  const unknown = ctx.t('settings.sessions.unknown');
  const browserName = (ua: string | null) => {
    if (!ua) return unknown;
    const known = describeUserAgent(ua);
    return known ? ctx.t('settings.sessions.on', known) : ua;
  };
  const others = props.sessions.filter((s) => !s.current).length;
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.sessions')} notice={props.notice}>
      <section class="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" class="visually-hidden">
          {ctx.t('settings.sessions')}
        </h2>
        <p>{ctx.t('settings.sessions.intro')}</p>
        <ul class="manage-list" id="session-list">
          {props.sessions.map((s, i) => (
            <li key={i} data-current={s.current ? 'true' : undefined}>
              <strong>{s.current ? ctx.t('settings.sessions.thisOne', { browser: browserName(s.userAgent) }) : browserName(s.userAgent)}</strong>
              <dl class="facts">
                <dt>{ctx.t('settings.sessions.signedInAt')}</dt>
                <dd>{formatRocDateTime(s.signedInAt, ctx.lang)}</dd>
                <dt>{ctx.t('settings.sessions.lastActive')}</dt>
                <dd>{formatRocDateTime(s.lastActiveAt, ctx.lang)}</dd>
                <dt>{ctx.t('settings.sessions.address')}</dt>
                <dd>{s.ip ?? unknown}</dd>
              </dl>
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <form method="post" action="/account/sessions/end-others">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <button type="submit" class="button button--primary">
              {ctx.t('settings.sessions.endOthers')}
            </button>
          </form>
        ) : (
          <p>{ctx.t('settings.sessions.onlyThis')}</p>
        )}
      </section>
    </SettingsFrame>
  );
}
