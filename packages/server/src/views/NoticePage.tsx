/** A page with one message: errors, and functions not enabled on this server. */
import type { PageContext } from './context';
import { Layout } from './Layout';

export function NoticePage(props: {
  ctx: PageContext;
  title: string;
  message: string;
  reference?: string | undefined;
  link?: { href: string; text: string };
}) {
  const { ctx } = props;
  const link = props.link ?? { href: '/', text: ctx.t('error.back') };
  return (
    <Layout ctx={ctx} title={props.title}>
      <section class="panel notice-page" aria-labelledby="notice-title">
        <h1 id="notice-title">{props.title}</h1>
        <p>{props.message}</p>
        {props.reference ? <p class="reference">{ctx.t('error.reference', { id: props.reference })}</p> : null}
        <p>
          <a href={link.href}>{link.text}</a>
        </p>
      </section>
    </Layout>
  );
}
