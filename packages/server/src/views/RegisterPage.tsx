/**
 * 加入會員: the registration form, with the personal data notice (個資告知) and consent, and optionally a
 * password-hint question. The same form serves registration from a first card login, with the name taken from
 * the card (without the hint fields, unless its route passes `hint`).
 */
import type { FieldProblem, RegistrationField } from '../services/accounts';
import type { HintProblems } from '../services/hint';
import { HINT_FIELD_ORDER, HintFields, type HintValues } from './HintFields';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { Layout } from './Layout';

export interface RegisterValues {
  readonly accountName?: string;
  readonly displayName?: string;
  readonly idNumber?: string;
  readonly email?: string;
  readonly consent?: boolean;
}

const FIELD_ORDER: readonly RegistrationField[] = ['accountName', 'password', 'passwordConfirm', 'displayName', 'idNumber', 'email', 'consent'];

export interface RegistrationFormProps {
  readonly ctx: PageContext;
  readonly passwordMinLength: number;
  readonly action: string;
  readonly submit: string;
  readonly values?: RegisterValues | undefined;
  readonly problems?: Partial<Record<RegistrationField, FieldProblem>> | undefined;
  /** Registration from a card: the name is the card's and cannot be edited; the ID hint names its last digits. */
  readonly card?: { readonly name: string; readonly idHint: string } | undefined;
  /** Shows the optional 密碼提示問題 fields, with what was chosen and their problems. */
  readonly hint?: { readonly values?: HintValues | undefined; readonly problems?: HintProblems | undefined } | undefined;
}

/** The error summary (linked to each field in error) and the form. */
export function RegistrationForm(props: RegistrationFormProps) {
  const { ctx, card } = props;
  const v = props.values ?? {};
  const problems = props.problems ?? {};
  const error = (f: RegistrationField) => {
    const p = problems[f];
    return p ? ctx.t(p.code, p.params) : undefined;
  };
  const hintProblems = props.hint?.problems ?? {};
  const listed = [
    ...FIELD_ORDER.filter((f) => problems[f]).map((f) => ({ id: f, text: error(f) })),
    ...HINT_FIELD_ORDER.filter((f) => hintProblems[f]).map((f) => ({ id: f, text: ctx.t(hintProblems[f]!.code, hintProblems[f]!.params) })),
  ];
  return (
    <>
      {listed.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{ctx.t('register.errorSummary')}</p>
          <ul>
            {listed.map((f) => (
              <li key={f.id}>
                <a href={`#${f.id}`}>{f.text}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={props.action} class="panel form" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <Field
          id="accountName"
          label={ctx.t('register.accountName')}
          hint={ctx.t('register.accountNameHint')}
          error={error('accountName')}
          input={{ name: 'accountName', type: 'text', autoComplete: 'username', maxLength: 30, required: true, value: v.accountName ?? '', spellcheck: false, autoCapitalize: 'none' }}
        />
        <Field
          id="password"
          label={ctx.t('register.password')}
          hint={ctx.t('register.passwordHint', { min: props.passwordMinLength })}
          error={error('password')}
          input={{ name: 'password', type: 'password', autoComplete: 'new-password', maxLength: 128, required: true }}
        />
        <Field
          id="passwordConfirm"
          label={ctx.t('register.passwordConfirm')}
          error={error('passwordConfirm')}
          input={{ name: 'passwordConfirm', type: 'password', autoComplete: 'new-password', maxLength: 128, required: true }}
        />
        <Field
          id="displayName"
          label={ctx.t('register.name')}
          hint={card ? ctx.t('cardbind.nameFromCard') : ctx.t('register.nameHint')}
          error={error('displayName')}
          input={{ name: 'displayName', type: 'text', autoComplete: 'name', maxLength: 50, required: true, value: card?.name ?? v.displayName ?? '', readOnly: Boolean(card) }}
        />
        <Field
          id="idNumber"
          label={ctx.t('register.idNumber')}
          hint={card?.idHint ?? ctx.t('register.idNumberHint')}
          error={error('idNumber')}
          input={{ name: 'idNumber', type: 'text', autoComplete: 'off', maxLength: 10, required: true, value: v.idNumber ?? '', spellcheck: false, autoCapitalize: 'characters' }}
        />
        <Field
          id="email"
          label={ctx.t('register.email')}
          error={error('email')}
          input={{ name: 'email', type: 'email', autoComplete: 'email', maxLength: 254, required: true, value: v.email ?? '' }}
        />
        {props.hint ? <HintFields ctx={ctx} legend={ctx.t('hint.legend')} values={props.hint.values} problems={props.hint.problems} optional /> : null}
        <section class="privacy" aria-labelledby="privacy-heading">
          <h2 id="privacy-heading">{ctx.t('register.privacyHeading')}</h2>
          <p>{ctx.t('register.privacyText')}</p>
        </section>
        <div class={problems.consent ? 'field field--error checkbox' : 'field checkbox'}>
          {problems.consent ? (
            <p class="field__error" id="consent-error">
              {error('consent')}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="consent"
            name="consent"
            value="yes"
            checked={v.consent === true}
            required
            aria-invalid={problems.consent ? 'true' : undefined}
            aria-describedby={problems.consent ? 'consent-error' : undefined}
          />
          <label for="consent">{ctx.t('register.consent')}</label>
        </div>
        <button type="submit" class="button button--primary">
          {props.submit}
        </button>
      </form>
    </>
  );
}

export function RegisterPage(props: {
  ctx: PageContext;
  passwordMinLength: number;
  values?: RegisterValues;
  problems?: Partial<Record<RegistrationField, FieldProblem>>;
  hintValues?: HintValues;
  hintProblems?: HintProblems;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('register.title')}>
      <h1>{ctx.t('register.title')}</h1>
      <p class="lead">{ctx.t('register.intro')}</p>
      <RegistrationForm
        ctx={ctx}
        passwordMinLength={props.passwordMinLength}
        action="/register"
        submit={ctx.t('register.submit')}
        values={props.values}
        problems={props.problems}
        hint={{ values: props.hintValues, problems: props.hintProblems }}
      />
    </Layout>
  );
}
