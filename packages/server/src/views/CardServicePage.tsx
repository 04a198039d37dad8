/**
 * A card service (activate with the card, reset the password with the card, find the account names with the
 * card): the service's fields, then the card panel whose script asks the local component to sign and posts the
 * answer with the fields — never the PIN.
 */
import type { MessageKey } from '@menhu/protocol';
import type { PageContext } from './context';
import { Layout } from './Layout';
import { PinField } from './PinField';

export interface CardServicePageProps {
  readonly ctx: PageContext;
  readonly purpose: CardServicePurpose;
  readonly signerUrl: string;
}

export type CardServicePurpose = 'activate' | 'reset' | 'account';

const TEXTS: Readonly<Record<CardServicePurpose, { title: MessageKey; intro: MessageKey }>> = {
  activate: { title: 'cardservice.activateTitle', intro: 'cardservice.activateIntro' },
  reset: { title: 'cardservice.resetTitle', intro: 'cardservice.resetIntro' },
  account: { title: 'recovery.accountTitle', intro: 'recovery.accountIntro' },
};

/** The full ID number: the one thing a citizen who forgot the account name still knows. */
function IdNumberField({ ctx }: { ctx: PageContext }) {
  return (
    <div class="field">
      <label for="service-id">{ctx.t('register.idNumber')}</label>
      <p class="hint" id="service-id-hint">
        {ctx.t('recovery.idNumberHint')}
      </p>
      <input
        id="service-id"
        name="idNumber"
        data-card-field
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        maxLength={10}
        aria-describedby="service-id-hint"
        required
      />
    </div>
  );
}

function AccountField({ ctx }: { ctx: PageContext }) {
  return (
    <div class="field">
      <label for="service-account">{ctx.t('login.account.name')}</label>
      <input id="service-account" name="account" data-card-field type="text" autoComplete="username" maxLength={64} required />
    </div>
  );
}

export function CardServicePage({ ctx, purpose, signerUrl }: CardServicePageProps) {
  const title = ctx.t(TEXTS[purpose].title);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <section class="panel" aria-labelledby="service-heading">
        <h2 id="service-heading" class="visually-hidden">
          {title}
        </h2>
        <p>{ctx.t(TEXTS[purpose].intro)}</p>
        {purpose === 'account' ? <IdNumberField ctx={ctx} /> : <AccountField ctx={ctx} />}
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
