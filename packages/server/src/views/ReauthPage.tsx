/** 請再次確認身分: the password again before a change to the account's settings. */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { Layout } from './Layout';

export function ReauthPage(props: { ctx: PageContext; returnTo: string; accountName: string; error?: string | undefined }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('reauth.title')}>
      <h1>{ctx.t('reauth.title')}</h1>
      <form method="post" action="/account/reauth" class="panel form">
        <p>{ctx.t('reauth.intro')}</p>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <input type="hidden" name="return" value={props.returnTo} />
        {/* For password managers: the account the password belongs to. */}
        <input type="hidden" name="account" autoComplete="username" value={props.accountName} />
        <Field
          id="password"
          label={ctx.t('login.account.password')}
          error={props.error}
          input={{ name: 'password', type: 'password', autoComplete: 'current-password', maxLength: 256, required: true }}
        />
        <button type="submit" class="button button--primary">
          {ctx.t('reauth.submit')}
        </button>
      </form>
    </Layout>
  );
}
