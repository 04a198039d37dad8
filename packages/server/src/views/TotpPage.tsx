/**
 * 我的帳戶 → 軟體式動態密碼. While off: the enrolment (the app, the QR code or the typed key, the first code).
 * While on: its state, whether every sign-in asks for it, new recovery codes, and turning it off — the last two
 * after a current code or a recovery code.
 */
import { formatRocDateTime } from '@menhu/protocol';
import { CSRF_FIELD } from '../http/csrf';
import { groupKey, type TotpEnrolment, type TotpStatus } from '../services/totp';
import type { PageContext } from './context';
import { Field } from './Field';
import { Layout } from './Layout';
import { TotpQrCode } from './TotpQrCode';

/** An error shown on one of the page's forms. */
export interface TotpFormError {
  readonly form: 'enrol' | 'newCodes' | 'off';
  readonly text: string;
}

export type TotpPageProps = {
  readonly ctx: PageContext;
  readonly accountName: string;
  readonly error?: TotpFormError | undefined;
  /** The outcome of the last action, shown once. */
  readonly notice?: string | undefined;
} & (
  | { readonly mode: 'enrol'; readonly enrolment: TotpEnrolment; readonly everySignIn: boolean }
  | { readonly mode: 'on'; readonly status: Extract<TotpStatus, { state: 'on' }> }
);

const CODE_INPUT = { autoComplete: 'one-time-code', inputMode: 'numeric', pattern: '[0-9０-９ ]{6,7}', maxLength: 7, required: true } as const;
const PROOF_INPUT = { autoComplete: 'one-time-code', maxLength: 40, required: true } as const;

export function TotpPage(props: TotpPageProps) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('totp.title')}>
      <h1>{ctx.t('totp.title')}</h1>
      <section class="panel" aria-labelledby="totp-state-heading">
        <h2 id="totp-state-heading" class="visually-hidden">
          {ctx.t('totp.state')}
        </h2>
        {props.notice ? (
          <p class="message" role="status">
            {props.notice}
          </p>
        ) : null}
        <p>{ctx.t('totp.intro')}</p>
        <dl class="facts">
          <dt>{ctx.t('totp.state')}</dt>
          <dd id="totp-state">{ctx.t(props.mode === 'on' ? 'totp.stateOn' : 'totp.stateOff')}</dd>
          {props.mode === 'on' ? (
            <>
              <dt>{ctx.t('totp.since')}</dt>
              <dd>{formatRocDateTime(new Date(props.status.since), ctx.lang)}</dd>
              <dt>{ctx.t('totp.everySignInState')}</dt>
              <dd>{ctx.t(props.status.everySignIn ? 'totp.yes' : 'totp.no')}</dd>
              <dt>{ctx.t('totp.recoveryLeft')}</dt>
              <dd>{ctx.t('totp.recoveryLeftCount', { count: props.status.recoveryCodesLeft })}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {props.mode === 'enrol' ? <Enrolment {...props} /> : <Manage {...props} />}
      <p>
        <a href="/account">{ctx.t('account.title')}</a>
      </p>
    </Layout>
  );
}

function Enrolment(props: TotpPageProps & { mode: 'enrol' }) {
  const { ctx, enrolment } = props;
  const error = props.error?.form === 'enrol' ? props.error.text : undefined;
  return (
    <section class="panel" aria-labelledby="totp-enrol-heading">
      <h2 id="totp-enrol-heading">{ctx.t('totp.enrol.heading')}</h2>
      <ol>
        <li>{ctx.t('totp.enrol.step1')}</li>
        <li>
          <p>{ctx.t('totp.enrol.step2')}</p>
          <TotpQrCode id="totp-qr" uri={enrolment.uri} label={ctx.t('totp.qrLabel')} />
          <dl class="facts">
            <dt>{ctx.t('totp.keyLabel')}</dt>
            <dd>
              <code id="totp-key">{groupKey(enrolment.secret)}</code>
              <p class="hint">{ctx.t('totp.keyHint', { account: props.accountName })}</p>
            </dd>
          </dl>
        </li>
        <li>
          <p>{ctx.t('totp.enrol.step3')}</p>
          <form method="post" action="/account/totp/confirm" class="form">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <Field id="code" label={ctx.t('totp.codeLabel')} error={error} input={{ name: 'code', ...CODE_INPUT }} />
            <EverySignInBox ctx={ctx} checked={props.everySignIn} />
            <button type="submit" class="button button--primary">
              {ctx.t('totp.enrol.submit')}
            </button>
          </form>
        </li>
      </ol>
    </section>
  );
}

function EverySignInBox({ ctx, checked }: { ctx: PageContext; checked: boolean }) {
  return (
    <div class="field">
      <div class="checkbox">
        <input type="checkbox" id="everySignIn" name="everySignIn" value="yes" checked={checked} aria-describedby="everySignIn-hint" />
        <label for="everySignIn">{ctx.t('totp.everySignIn')}</label>
      </div>
      <p class="hint" id="everySignIn-hint">
        {ctx.t('totp.everySignInHint')}
      </p>
    </div>
  );
}

function Manage(props: TotpPageProps & { mode: 'on' }) {
  const { ctx, status } = props;
  const errorOn = (form: TotpFormError['form']) => (props.error?.form === form ? props.error.text : undefined);
  return (
    <>
      <section class="panel" aria-labelledby="totp-every-heading">
        <h2 id="totp-every-heading">{ctx.t('totp.everySignInState')}</h2>
        <form method="post" action="/account/totp/every-sign-in" class="form">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <EverySignInBox ctx={ctx} checked={status.everySignIn} />
          <button type="submit" class="button">
            {ctx.t('totp.manage.everySignInSubmit')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="totp-codes-heading">
        <h2 id="totp-codes-heading">{ctx.t('totp.manage.newCodesHeading')}</h2>
        <p>{ctx.t('totp.manage.newCodesIntro')}</p>
        <form method="post" action="/account/totp/recovery-codes" class="form">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <Field id="codes-proof" label={ctx.t('totp.manage.proofLabel')} error={errorOn('newCodes')} input={{ name: 'code', ...PROOF_INPUT }} />
          <button type="submit" class="button">
            {ctx.t('totp.manage.newCodesSubmit')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="totp-off-heading">
        <h2 id="totp-off-heading">{ctx.t('totp.manage.offHeading')}</h2>
        <p>{ctx.t('totp.manage.offIntro')}</p>
        <form method="post" action="/account/totp/off" class="form">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <Field id="off-proof" label={ctx.t('totp.manage.proofLabel')} error={errorOn('off')} input={{ name: 'code', ...PROOF_INPUT }} />
          <button type="submit" class="button">
            {ctx.t('totp.manage.offSubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
