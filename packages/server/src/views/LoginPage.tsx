/**
 * The login page, holding every part of the e-Government login page: account sign-in, card sign-in, the
 * mobile citizen certificate, Google and Facebook, account management with the card or a hint question,
 * announcements, and help for sign-in problems.
 */
import { formatRocDate, type MessageKey } from '@menhu/protocol';
import type { Announcement } from '../services/announcements';
import type { Availability } from '../methods/availability';
import type { PageContext } from './context';
import { Layout } from './Layout';
import { PinField } from './PinField';
import { CSRF_FIELD } from '../http/csrf';

/** A message above the account form: the result of the last attempt, or news such as "you signed out". */
export interface LoginNotice {
  readonly kind: 'error' | 'message';
  readonly text: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
  /** The account name to put back in the field. */
  readonly account?: string;
}

export interface LoginPageProps {
  readonly ctx: PageContext;
  readonly methods: Availability;
  /** The local component's address (SIGNER_URL), which the card panel's script opens as a popup. */
  readonly signerUrl: string;
  readonly announcements: readonly Announcement[];
  readonly notice?: LoginNotice;
}

function NotEnabled({ ctx, on, id }: { ctx: PageContext; on: boolean; id: string }) {
  return on ? null : (
    <p class="notice notice--off" id={id}>
      {ctx.t('login.notEnabled')}
    </p>
  );
}

function AccountPanel({ ctx, methods, notice }: LoginPageProps) {
  const off = !methods.password;
  const isError = notice?.kind === 'error';
  return (
    <section class="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">{ctx.t('login.account.heading')}</h2>
      <NotEnabled ctx={ctx} on={methods.password} id="account-off" />
      {notice ? (
        <p class={isError ? 'field__error login-error' : 'message'} id="login-notice" role={isError ? 'alert' : 'status'}>
          {ctx.t(notice.text, notice.params)}
          {notice.text === 'ERR_LOGIN_LOCKED' && methods.cardActivate ? ` ${ctx.t('login.lockedCardHint')}` : null}
        </p>
      ) : null}
      <form method="post" action="/login" class="form" aria-describedby={off ? 'account-off' : undefined}>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <fieldset disabled={off}>
          <legend class="visually-hidden">{ctx.t('login.account.heading')}</legend>
          <div class="field">
            <label for="account">{ctx.t('login.account.name')}</label>
            <input
              id="account"
              name="account"
              type="text"
              autoComplete="username"
              maxLength={64}
              required
              spellcheck={false}
              autoCapitalize="none"
              value={notice?.account ?? ''}
              aria-describedby={isError ? 'login-notice' : undefined}
            />
          </div>
          <div class="field">
            <label for="password">{ctx.t('login.account.password')}</label>
            <input id="password" name="password" type="password" autoComplete="current-password" maxLength={256} required />
          </div>
          <button type="submit" class="button button--primary">
            {ctx.t('login.account.submit')}
          </button>
        </fieldset>
      </form>
      <ul class="link-row">
        <li>
          <a href="/recover">{ctx.t('login.account.forgotPassword')}</a>
        </li>
        <li>
          <a href="/recover/account">{ctx.t('login.account.forgotAccount')}</a>
        </li>
        <li>
          <a href="/register">{ctx.t('login.account.register')}</a>
        </li>
      </ul>
      <div class="social" role="group" aria-labelledby="social-heading">
        <h3 id="social-heading">{ctx.t('login.social.heading')}</h3>
        <ul class="social__list">
          <li>
            <a class="button button--social button--google" href="/login/google">
              {ctx.t('login.social.google')}
              {methods.google ? null : <span class="off-tag">{ctx.t('login.notEnabledShort')}</span>}
            </a>
          </li>
          <li>
            <a class="button button--social button--facebook" href="/login/facebook">
              {ctx.t('login.social.facebook')}
              {methods.facebook ? null : <span class="off-tag">{ctx.t('login.notEnabledShort')}</span>}
            </a>
          </li>
        </ul>
      </div>
    </section>
  );
}

/**
 * No <form> here on purpose: the PIN must go only to the component on the citizen's computer. Without a form
 * element, no click or Enter key can submit it to this server, with or without JavaScript.
 */
function CardPanel(props: LoginPageProps) {
  const { ctx, methods } = props;
  const off = !methods.card;
  return (
    <section class="panel" aria-labelledby="card-heading">
      <h2 id="card-heading">{ctx.t('login.card.heading')}</h2>
      <NotEnabled ctx={ctx} on={methods.card} id="card-off" />
      <p id="card-handheld-note" class="notice" hidden>
        {ctx.t('browser.handheld')} <a href="/login/mobile">{ctx.t('login.mobile.heading')}</a>
      </p>
      <p id="card-instruction">{ctx.t('login.card.instruction')}</p>
      <fieldset id="card-login" class="form" disabled={off} aria-describedby="card-instruction pin-hint" data-signer-url={props.signerUrl}>
        <legend class="visually-hidden">{ctx.t('login.card.heading')}</legend>
        <PinField ctx={ctx} button={ctx.t('login.card.submit')} />
      </fieldset>
      <ul class="notes">
        <li>{ctx.t('login.card.noteComponent')}</li>
        <li>
          {ctx.t('login.card.notePin')}{' '}
          <a href="https://moica.nat.gov.tw/" rel="noopener noreferrer">
            {ctx.t('login.card.moica')}
          </a>
          {' / '}
          <a href="https://moeaca.nat.gov.tw/" rel="noopener noreferrer">
            {ctx.t('login.card.moeaca')}
          </a>
        </li>
        <li>
          {ctx.t('login.card.noteHelp')} <a href="/help">{ctx.t('login.card.helpLink')}</a> {ctx.t('login.card.or')}{' '}
          <a href="/envcheck">{ctx.t('login.card.envCheckLink')}</a>
        </li>
      </ul>
    </section>
  );
}

function MobilePanel({ ctx, methods }: LoginPageProps) {
  return (
    <section class="panel" aria-labelledby="mobile-heading">
      <h2 id="mobile-heading">{ctx.t('login.mobile.heading')}</h2>
      <NotEnabled ctx={ctx} on={methods.mobile} id="mobile-off" />
      <p>{ctx.t('login.mobile.instruction')}</p>
      <p>
        <a class="button" href="/login/mobile">
          {ctx.t('login.mobile.go')}
          {methods.mobile ? null : <span class="off-tag">{ctx.t('login.notEnabledShort')}</span>}
        </a>
      </p>
      <p class="hint">{ctx.t('login.mobile.verificationNote')}</p>
    </section>
  );
}

function ManagePanel({ ctx, methods }: LoginPageProps) {
  const items = [
    { href: '/activate/card', title: ctx.t('login.manage.activate'), text: ctx.t('login.manage.activateText'), on: methods.cardActivate },
    { href: '/recover/hint', title: ctx.t('login.manage.hint'), text: ctx.t('login.manage.hintText'), on: methods.hintReset },
    { href: '/recover/card', title: ctx.t('login.manage.card'), text: ctx.t('login.manage.cardText'), on: methods.cardReset },
  ];
  return (
    <section class="panel" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{ctx.t('login.manage.heading')}</h2>
      <ul class="manage-list">
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.title}</a>
            {item.on ? null : <span class="off-tag">{ctx.t('login.notEnabledShort')}</span>}
            <p>{item.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnnouncementsPanel({ ctx, announcements }: LoginPageProps) {
  return (
    <section class="panel panel--wide" aria-labelledby="announcements-heading">
      <h2 id="announcements-heading">{ctx.t('announcements.heading')}</h2>
      {announcements.length === 0 ? (
        <p>{ctx.t('announcements.none')}</p>
      ) : (
        <ul class="announcements">
          {announcements.map((a) => (
            <li key={a.id} class="announcement" lang={a.lang === 'zh-TW' ? 'zh-Hant-TW' : 'en'}>
              <h3 class="announcement__title">{a.title}</h3>
              <p class="announcement__date">
                <time dateTime={a.publishAt.toISOString()}>{ctx.t('announcements.published', { date: formatRocDate(a.publishAt, ctx.lang) })}</time>
              </p>
              <p class="announcement__body">{a.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProblemsPanel({ ctx }: { ctx: PageContext }) {
  return (
    <section class="panel" aria-labelledby="problems-heading">
      <h2 id="problems-heading">{ctx.t('login.problems.heading')}</h2>
      <p>{ctx.t('login.problems.text')}</p>
      <p>
        <a href="/help">{ctx.t('site.help')}</a>
      </p>
    </section>
  );
}

export function LoginPage(props: LoginPageProps) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('login.title')}>
      <h1>{ctx.t('login.title')}</h1>
      <p class="lead">{ctx.t('login.intro')}</p>
      <div class="login-grid">
        <AccountPanel {...props} />
        <CardPanel {...props} />
        <MobilePanel {...props} />
        <ManagePanel {...props} />
        <AnnouncementsPanel {...props} />
        <ProblemsPanel ctx={ctx} />
      </div>
    </Layout>
  );
}
