/**
 * One step of a recovery flow (the hint question's steps, 忘記密碼 and 忘記帳號 by e-mail, the reset link): a
 * title, where the citizen is, the fields with an error summary linked to each field in error (WCAG 3.3.1),
 * and one button.
 */
import type { JSX } from 'preact';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { Layout } from './Layout';

export interface RecoverField {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly input: Omit<JSX.IntrinsicElements['input'], 'id'>;
}

export interface RecoverFormPageProps {
  readonly ctx: PageContext;
  readonly title: string;
  /** e.g. 步驟 2／4 */
  readonly step?: string | undefined;
  readonly intro: string;
  /** A refusal that belongs to no one field (a wrong answer, the route closed). */
  readonly alert?: string | undefined;
  readonly action: string;
  readonly submit: string;
  readonly fields: readonly RecoverField[];
  readonly hidden?: Readonly<Record<string, string>> | undefined;
  readonly links?: readonly { readonly href: string; readonly text: string }[] | undefined;
}

export function RecoverFormPage(props: RecoverFormPageProps) {
  const { ctx } = props;
  const errors = props.fields.filter((f) => f.error);
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.step ? <p class="lead">{props.step}</p> : null}
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{ctx.t('register.errorSummary')}</p>
          <ul>
            {errors.map((f) => (
              <li key={f.id}>
                <a href={`#${f.id}`}>{f.error}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.alert ? (
        <p class="field__error" role="alert" id="recover-alert">
          {props.alert}
        </p>
      ) : null}
      <form method="post" action={props.action} class="panel form" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p id="recover-intro">{props.intro}</p>
        {props.fields.map((f) => (
          <Field key={f.id} id={f.id} label={f.label} hint={f.hint} error={f.error} input={f.input} />
        ))}
        <button type="submit" class="button button--primary">
          {props.submit}
        </button>
      </form>
      <ul class="link-row">
        {(props.links ?? []).map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.text}</a>
          </li>
        ))}
        <li>
          <a href="/login">{ctx.t('feature.backToLogin')}</a>
        </li>
      </ul>
    </Layout>
  );
}
