/** A page with a message and one button that POSTs (e.g. confirming an e-mail link, resending it). */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Layout } from './Layout';

export function ActionPage(props: {
  ctx: PageContext;
  title: string;
  message: string;
  action: string;
  button: string;
  hidden?: Readonly<Record<string, string>>;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <section class="panel notice-page" aria-labelledby="action-title">
        <h1 id="action-title">{props.title}</h1>
        <p>{props.message}</p>
        <form method="post" action={props.action}>
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="button button--primary">
            {props.button}
          </button>
        </form>
        <p>
          <a href="/login">{ctx.t('feature.backToLogin')}</a>
        </p>
      </section>
    </Layout>
  );
}
