/**
 * The account names a card look-up found (以自然人憑證查詢帳號). Shown once: the route drops them from the session
 * as it renders this page, so a shared computer's next user cannot call them up again.
 */
import type { PageContext } from './context';
import { Layout } from './Layout';

export function AccountNamesPage({ ctx, names }: { ctx: PageContext; names: readonly string[] }) {
  const title = ctx.t('recovery.resultTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel notice-page" aria-labelledby="names-title">
        <h1 id="names-title">{title}</h1>
        <p>{ctx.t('recovery.resultIntro')}</p>
        <ul>
          {names.map((name) => (
            <li key={name}>
              <strong>{name}</strong>
            </li>
          ))}
        </ul>
        <p>
          <a class="button button--primary" href="/login">
            {ctx.t('recovery.signIn')}
          </a>
        </p>
        <p>
          <a href="/recover/card">{ctx.t('recovery.resetPassword')}</a>
        </p>
      </section>
    </Layout>
  );
}
