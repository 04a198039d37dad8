/**
 * 我的帳戶: who is signed in, how and when, at what assurance level; whether the e-mail address is proved; the
 * linked cards (each can be unlinked); and sign-out.
 */
import { formatRocDate, formatRocDateTime, isMessageKey, type Acr, type MessageKey } from '@menhu/protocol';
import type { Account } from '../services/accounts';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Layout } from './Layout';

/** Each setting's own page (issue 7); a change there needs a sign-in in the last 10 minutes. */
const SETTINGS = [
  ['/account/password', 'settings.password'],
  ['/account/email', 'settings.email'],
  ['/account/hint', 'settings.hint'],
  ['/account/totp', 'settings.totp'],
  ['/account/sessions', 'settings.sessions'],
  ['/account/history', 'settings.history'],
  ['/account/agencies', 'settings.agencies'],
  ['/account/profile', 'settings.profile'],
  ['/account/delete', 'settings.delete'],
] as const satisfies readonly (readonly [string, MessageKey])[];

export function AccountPage(props: {
  ctx: PageContext;
  account: Account;
  acr: Acr | null;
  amr: readonly string[];
  authTime: Date | null;
  previousSignIn: Date | null;
  /** Linked citizen certificate cards, with when each expires. */
  cards: readonly { id: string; name: string; serial: string; notAfter: Date; expiresSoon: boolean }[];
  /** The outcome of the last action on this page (e.g. a card unlinked), shown once. */
  notice?: string | undefined;
}) {
  const { ctx, account } = props;
  const methods = props.amr
    .map((m) => `amr.${m}`)
    .filter(isMessageKey)
    .map((k) => ctx.t(k))
    .join(' + ');
  return (
    <Layout ctx={ctx} title={ctx.t('account.title')}>
      <h1>{ctx.t('account.title')}</h1>
      <section class="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading" class="visually-hidden">
          {ctx.t('account.title')}
        </h2>
        {props.notice ? (
          <p class="message" role="status">
            {props.notice}
          </p>
        ) : null}
        <dl class="facts">
          <dt>{ctx.t('account.name')}</dt>
          <dd>{account.displayName}</dd>
          <dt>{ctx.t('account.accountName')}</dt>
          <dd>{account.accountName}</dd>
          <dt>{ctx.t('account.idNumber')}</dt>
          <dd>
            {account.maskedId}（{ctx.t(account.idVerified ? 'account.idVerified' : 'account.idUnverified')}）
          </dd>
          <dt>{ctx.t('account.email')}</dt>
          <dd>
            {account.email}
            {account.emailVerified ? null : (
              <form method="post" action="/account/email/resend" class="inline-form">
                <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                <span class="hint">{ctx.t('emailcheck.pending')}</span>{' '}
                <button type="submit" class="button button--small">
                  {ctx.t('emailcheck.resend')}
                </button>
              </form>
            )}
          </dd>
          <dt>{ctx.t('account.signedInWith')}</dt>
          <dd>{methods}</dd>
          <dt>{ctx.t('account.signedInAt')}</dt>
          <dd>{props.authTime ? formatRocDateTime(props.authTime, ctx.lang) : ''}</dd>
          <dt>{ctx.t('account.previousSignIn')}</dt>
          <dd>{props.previousSignIn ? formatRocDateTime(props.previousSignIn, ctx.lang) : ctx.t('account.previousNone')}</dd>
          <dt>{ctx.t('account.assurance')}</dt>
          <dd>{props.acr ? ctx.t(`acr.${props.acr}`) : ''}</dd>
          <dt>{ctx.t('account.cards')}</dt>
          <dd>
            {props.cards.length === 0 ? (
              ctx.t('account.noCards')
            ) : (
              <ul class="plain-list">
                {props.cards.map((c) => (
                  <li key={c.id}>
                    {ctx.t('account.cardItem', { name: c.name, notAfter: formatRocDate(c.notAfter, ctx.lang) })}
                    {c.expiresSoon ? ` ${ctx.t('account.cardExpiresSoon')}` : ''}
                    <form method="post" action="/account/cards/unbind" class="inline-form">
                      <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                      <input type="hidden" name="cardId" value={c.id} />
                      <button type="submit" class="button button--small" aria-label={ctx.t('account.cardUnbindLabel', { serial: c.serial })}>
                        {ctx.t('account.cardUnbind')}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        <nav aria-labelledby="settings-heading" class="settings">
          <h2 id="settings-heading">{ctx.t('settings.heading')}</h2>
          <ul>
            {SETTINGS.map(([href, key]) => (
              <li key={href}>
                <a href={href}>{ctx.t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="post" action="/logout">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <button type="submit" class="button">
            {ctx.t('account.signOut')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
