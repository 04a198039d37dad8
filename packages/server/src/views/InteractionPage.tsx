/**
 * An agency's sign-in request (OpenID Connect interaction) on the platform's own page: what the agency needs
 * beyond the present sign-in — a TOTP code, the card, enrolling TOTP first — or the consent to what it asks.
 */
import type { MessageKey } from '@menhu/protocol';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Layout } from './Layout';
import { PinField } from './PinField';

export type InteractionStep =
  | { readonly kind: 'totp'; readonly error?: string | undefined }
  | { readonly kind: 'password'; readonly accountName: string; readonly error?: string | undefined }
  | { readonly kind: 'enrol' }
  | { readonly kind: 'card'; readonly signerUrl: string }
  | { readonly kind: 'consent'; readonly items: readonly MessageKey[] };

export function InteractionPage(props: { ctx: PageContext; uid: string; agency: string; level: string; step: InteractionStep }) {
  const { ctx, uid, step } = props;
  const title = ctx.t(step.kind === 'consent' ? 'oidc.consent.title' : 'oidc.stepUp.title');
  const action = (what: string) => `/interaction/${uid}/${what}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <section class="panel" aria-labelledby="interaction-agency">
        <p id="interaction-agency">{ctx.t('oidc.agencyAsks', { agency: props.agency })}</p>
        {step.kind === 'consent' ? (
          <>
            <p>{ctx.t('oidc.consent.intro')}</p>
            <ul>
              {step.items.map((key) => (
                <li key={key}>{ctx.t(key)}</li>
              ))}
            </ul>
            <form method="post" action={action('consent')} class="form">
              <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
              <button type="submit" class="button button--primary" name="decision" value="allow">
                {ctx.t('oidc.consent.allow')}
              </button>{' '}
              <button type="submit" class="button" name="decision" value="deny">
                {ctx.t('oidc.consent.deny')}
              </button>
            </form>
          </>
        ) : step.kind === 'totp' ? (
          <form method="post" action={action('totp')} class="form">
            <p>{ctx.t('oidc.stepUp.totp', { level: props.level })}</p>
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <div class={step.error ? 'field field--error' : 'field'}>
              <label for="code">{ctx.t('oidc.stepUp.code')}</label>
              {step.error ? (
                <p class="field__error" id="code-error">
                  {step.error}
                </p>
              ) : null}
              <input id="code" name="code" type="text" autoComplete="one-time-code" inputMode="numeric" maxLength={40} required aria-describedby={step.error ? 'code-error' : undefined} />
            </div>
            <button type="submit" class="button button--primary">
              {ctx.t('oidc.stepUp.confirm')}
            </button>
          </form>
        ) : step.kind === 'password' ? (
          <form method="post" action={action('password')} class="form">
            <p>{ctx.t('oidc.fresh.intro')}</p>
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <input type="hidden" name="account" autoComplete="username" value={step.accountName} />
            <div class={step.error ? 'field field--error' : 'field'}>
              <label for="password">{ctx.t('login.account.password')}</label>
              {step.error ? (
                <p class="field__error" id="password-error">
                  {step.error}
                </p>
              ) : null}
              <input id="password" name="password" type="password" autoComplete="current-password" maxLength={256} required aria-describedby={step.error ? 'password-error' : undefined} />
            </div>
            <button type="submit" class="button button--primary">
              {ctx.t('oidc.stepUp.confirm')}
            </button>
          </form>
        ) : step.kind === 'enrol' ? (
          <>
            <p>{ctx.t('oidc.stepUp.enrol')}</p>
            <p>
              <a class="button button--primary" href="/account/totp">
                {ctx.t('settings.totp')}
              </a>
            </p>
            <p>{ctx.t('oidc.stepUp.enrolThen')}</p>
          </>
        ) : (
          <fieldset id="card-login" class="form" data-signer-url={step.signerUrl} data-card-post="/login/card">
            <legend>{ctx.t('login.card.heading')}</legend>
            <p>{ctx.t('oidc.stepUp.card', { level: props.level })}</p>
            <PinField ctx={ctx} button={ctx.t('login.card.submit')} />
          </fieldset>
        )}
        <form method="post" action={action('abort')}>
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <button type="submit" class="button">
            {ctx.t('oidc.cancel')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
