/**
 * 變更密碼: with the current password (a form), or with the card (a panel whose script posts the component's
 * answer and the new password fields — never the PIN — to /account/password/card).
 */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { PinField } from './PinField';
import { SettingsFrame } from './SettingsFrame';

export type PasswordFormField = 'current' | 'password' | 'passwordConfirm';

export function SettingsPasswordPage(props: {
  ctx: PageContext;
  accountName: string;
  minLength: number;
  /** The local component's origin, when card login is on (the card panel is shown then). */
  signerUrl?: string | undefined;
  errors?: Partial<Record<PasswordFormField, string>>;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const errors = props.errors ?? {};
  const rules = ctx.t('settings.password.rules', { min: props.minLength });
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.password')} notice={props.notice}>
      <p class="lead">{ctx.t('settings.password.intro')}</p>
      <section class="panel" aria-labelledby="with-password">
        <h2 id="with-password">{ctx.t('settings.password.withPassword')}</h2>
        <form method="post" action="/account/password" class="form">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          {/* For password managers: the account the passwords belong to. */}
          <input type="hidden" name="account" autoComplete="username" value={props.accountName} />
          <Field
            id="current"
            label={ctx.t('settings.password.current')}
            error={errors.current}
            input={{ name: 'current', type: 'password', autoComplete: 'current-password', maxLength: 256, required: true }}
          />
          <Field
            id="password"
            label={ctx.t('settings.password.new')}
            hint={rules}
            error={errors.password}
            input={{ name: 'password', type: 'password', autoComplete: 'new-password', maxLength: 256, required: true }}
          />
          <Field
            id="passwordConfirm"
            label={ctx.t('settings.password.newConfirm')}
            error={errors.passwordConfirm}
            input={{ name: 'passwordConfirm', type: 'password', autoComplete: 'new-password', maxLength: 256, required: true }}
          />
          <button type="submit" class="button button--primary">
            {ctx.t('settings.password.submit')}
          </button>
        </form>
      </section>
      {props.signerUrl ? (
        <section class="panel" aria-labelledby="with-card">
          <h2 id="with-card">{ctx.t('settings.password.withCard')}</h2>
          <p>{ctx.t('settings.password.cardIntro')}</p>
          <div class="field">
            <label for="card-password">{ctx.t('settings.password.new')}</label>
            <p class="hint" id="card-password-hint">
              {rules}
            </p>
            <input id="card-password" name="password" data-card-field type="password" autoComplete="new-password" maxLength={256} aria-describedby="card-password-hint" required />
          </div>
          <div class="field">
            <label for="card-password-confirm">{ctx.t('settings.password.newConfirm')}</label>
            <input id="card-password-confirm" name="passwordConfirm" data-card-field type="password" autoComplete="new-password" maxLength={256} required />
          </div>
          <fieldset id="card-login" class="form" data-signer-url={props.signerUrl} data-card-post="/account/password/card">
            <legend>{ctx.t('login.card.heading')}</legend>
            <p id="card-instruction">{ctx.t('login.card.instruction')}</p>
            <PinField ctx={ctx} button={ctx.t('settings.password.cardSubmit')} />
          </fieldset>
        </section>
      ) : null}
    </SettingsFrame>
  );
}
