/**
 * A card service (activate with the card, reset the password with the card): the account fields, then the card
 * panel whose script asks the local component to sign and posts the answer with the fields — never the PIN.
 */
import type { PageContext } from './context';
import { Layout } from './Layout';
import { PinField } from './PinField';

export interface CardServicePageProps {
  readonly ctx: PageContext;
  readonly purpose: 'activate' | 'reset';
  readonly signerUrl: string;
}

export function CardServicePage({ ctx, purpose, signerUrl }: CardServicePageProps) {
  const title = ctx.t(purpose === 'activate' ? 'cardservice.activateTitle' : 'cardservice.resetTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <section class="panel" aria-labelledby="service-heading">
        <h2 id="service-heading" class="visually-hidden">
          {title}
        </h2>
        <p>{ctx.t(purpose === 'activate' ? 'cardservice.activateIntro' : 'cardservice.resetIntro')}</p>
        <div class="field">
          <label for="service-account">{ctx.t('login.account.name')}</label>
          <input id="service-account" name="account" data-card-field type="text" autoComplete="username" maxLength={64} required />
        </div>
        {purpose === 'reset' ? (
          <>
            <div class="field">
              <label for="service-password">{ctx.t('cardservice.newPassword')}</label>
              <input id="service-password" name="password" data-card-field type="password" autoComplete="new-password" maxLength={128} required />
            </div>
            <div class="field">
              <label for="service-password-confirm">{ctx.t('cardservice.newPasswordConfirm')}</label>
              <input id="service-password-confirm" name="passwordConfirm" data-card-field type="password" autoComplete="new-password" maxLength={128} required />
            </div>
          </>
        ) : null}
        <fieldset id="card-login" class="form" data-signer-url={signerUrl} data-card-post={`/card-service/${purpose}`}>
          <legend>{ctx.t('login.card.heading')}</legend>
          <p id="card-instruction">{ctx.t('login.card.instruction')}</p>
          <PinField ctx={ctx} button={ctx.t('cardservice.confirmWithCard')} />
        </fieldset>
      </section>
    </Layout>
  );
}
