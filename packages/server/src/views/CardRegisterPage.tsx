/** The first card login, second way: register a new account with the card's name, the card bound at once. */
import type { FieldProblem, RegistrationField } from '../services/accounts';
import type { PageContext } from './context';
import { Layout } from './Layout';
import { RegistrationForm, type RegisterValues } from './RegisterPage';

export function CardRegisterPage(props: {
  ctx: PageContext;
  passwordMinLength: number;
  card: string;
  holderName: string;
  idLast4: string;
  values?: RegisterValues;
  problems?: Partial<Record<RegistrationField, FieldProblem>>;
  error?: string;
}) {
  const { ctx } = props;
  const title = ctx.t('cardbind.registerHeading');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t('cardbind.registerIntro')}</p>
      <p class="message">{props.card}</p>
      {props.error ? (
        <p class="field__error" role="alert">
          {props.error}
        </p>
      ) : null}
      <RegistrationForm
        ctx={ctx}
        passwordMinLength={props.passwordMinLength}
        action="/login/card/register"
        submit={ctx.t('cardbind.registerSubmit')}
        values={props.values}
        problems={props.problems}
        card={{ name: props.holderName, idHint: ctx.t('register.idNumberCardHint', { last4: props.idLast4 }) }}
      />
      <p>
        <a href="/login/card/bind">{ctx.t('cardbind.bindHeading')}</a>
      </p>
    </Layout>
  );
}
