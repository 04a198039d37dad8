/** 常見問題: what to do when card sign-in fails, and how to clear cookies in Chrome and Edge. */
import type { MessageKey } from '@menhu/protocol';
import type { PageContext } from './context';
import { Layout } from './Layout';

function Steps({ ctx, keys }: { ctx: PageContext; keys: readonly MessageKey[] }) {
  return (
    <ol>
      {keys.map((k) => (
        <li key={k}>{ctx.t(k)}</li>
      ))}
    </ol>
  );
}

export function HelpPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('help.title')}>
      <h1>{ctx.t('help.title')}</h1>
      <section class="panel" aria-labelledby="card-failed">
        <h2 id="card-failed">{ctx.t('help.cardFailed.q')}</h2>
        <p>{ctx.t('help.cardFailed.step1')}</p>
        <p>{ctx.t('help.cardFailed.step2')}</p>
        <h3 id="chrome">{ctx.t('help.chrome.heading')}</h3>
        <Steps ctx={ctx} keys={['help.chrome.1', 'help.chrome.2', 'help.chrome.3', 'help.chrome.4']} />
        <h3 id="edge">{ctx.t('help.edge.heading')}</h3>
        <Steps ctx={ctx} keys={['help.edge.1', 'help.edge.2', 'help.edge.3']} />
      </section>
      <section class="panel" aria-labelledby="contact">
        <h2 id="contact">{ctx.t('help.contact.heading')}</h2>
        <p>{ctx.t('help.contact.text')}</p>
      </section>
    </Layout>
  );
}
