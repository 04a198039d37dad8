/** The sign-in step after a correct password, for an account that asks for its TOTP code at every sign-in. */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { Layout } from './Layout';

export function TotpSignInPage(props: { ctx: PageContext; error?: string | undefined }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('totp.signIn.title')}>
      <h1>{ctx.t('totp.signIn.title')}</h1>
      <form method="post" action="/login/totp" class="panel form">
        <p>{ctx.t('totp.signIn.intro')}</p>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <Field
          id="code"
          label={ctx.t('totp.signIn.label')}
          error={props.error}
          input={{ name: 'code', autoComplete: 'one-time-code', maxLength: 40, required: true }}
        />
        <button type="submit" class="button button--primary">
          {ctx.t('totp.signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/login">{ctx.t('totp.signIn.cancel')}</a>
      </p>
    </Layout>
  );
}
