/** The first card login: link the verified card to an existing account after its password. */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Layout } from './Layout';

export function CardBindPage(props: { ctx: PageContext; card: string; error?: string; account?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('cardbind.title')}>
      <h1>{ctx.t('cardbind.title')}</h1>
      <section class="panel" aria-labelledby="bind-heading">
        <h2 id="bind-heading" class="visually-hidden">
          {ctx.t('cardbind.title')}
        </h2>
        <p>{ctx.t('cardbind.intro')}</p>
        <p class="message">{props.card}</p>
        {props.error ? (
          <p class="field__error" id="bind-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <form method="post" action="/login/card/bind" class="form">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <div class="field">
            <label for="account">{ctx.t('login.account.name')}</label>
            <input id="account" name="account" type="text" autoComplete="username" maxLength={64} required value={props.account ?? ''} />
          </div>
          <div class="field">
            <label for="password">{ctx.t('login.account.password')}</label>
            <input id="password" name="password" type="password" autoComplete="current-password" maxLength={256} required />
          </div>
          <button type="submit" class="button button--primary">
            {ctx.t('cardbind.submit')}
          </button>
        </form>
        <p>
          {ctx.t('cardbind.noAccount')} <a href="/login/card/register">{ctx.t('cardbind.registerHeading')}</a>
        </p>
      </section>
    </Layout>
  );
}
