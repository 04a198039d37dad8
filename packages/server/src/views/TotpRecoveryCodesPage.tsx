/** The recovery codes, shown once: after TOTP is turned on, or when new ones replace the old. */
import type { PageContext } from './context';
import { Layout } from './Layout';

export function TotpRecoveryCodesPage(props: { ctx: PageContext; codes: readonly string[]; reason: 'enabled' | 'renewed' }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('totp.recovery.title')}>
      <h1>{ctx.t('totp.recovery.title')}</h1>
      <section class="panel" aria-labelledby="recovery-list-heading">
        <p class="message" role="status">
          {ctx.t(props.reason === 'enabled' ? 'totp.recovery.enabled' : 'totp.recovery.renewed')}
        </p>
        <p>{ctx.t('totp.recovery.intro')}</p>
        <h2 id="recovery-list-heading">{ctx.t('totp.recovery.listLabel')}</h2>
        <ol id="recovery-codes">
          {props.codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p>
          <a class="button button--primary" href="/account">
            {ctx.t('totp.recovery.done')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
