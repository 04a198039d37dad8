/** 我的帳戶 for an organisation sign-in (a business or agency card where allowed): who signed in, no account. */
import { formatRocDate, formatRocDateTime, isMessageKey, type Acr } from '@menhu/protocol';
import type { OrganisationSignIn } from '../services/card-login';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Layout } from './Layout';

export function OrganisationPage(props: { ctx: PageContext; organisation: OrganisationSignIn; acr: Acr | null; authTime: Date | null }) {
  const { ctx, organisation: org } = props;
  const kindKey = `cardkind.${org.kind}`;
  const kind = ctx.t(isMessageKey(kindKey) ? kindKey : 'cardkind.unknown');
  return (
    <Layout ctx={ctx} title={ctx.t('org.title')}>
      <h1>{ctx.t('org.title')}</h1>
      <section class="panel" aria-labelledby="org-heading">
        <h2 id="org-heading" class="visually-hidden">
          {ctx.t('org.title')}
        </h2>
        <p>{ctx.t('org.intro', { kind })}</p>
        <dl class="facts">
          <dt>{ctx.t('org.name')}</dt>
          <dd>{org.name}</dd>
          {org.businessId ? (
            <>
              <dt>{ctx.t('org.businessId')}</dt>
              <dd>{org.businessId}</dd>
            </>
          ) : null}
          <dt>{ctx.t('org.serial')}</dt>
          <dd>{org.serial}</dd>
          <dt>{ctx.t('org.notAfter')}</dt>
          <dd>{formatRocDate(new Date(org.notAfter), ctx.lang)}</dd>
          <dt>{ctx.t('account.signedInAt')}</dt>
          <dd>{props.authTime ? formatRocDateTime(props.authTime, ctx.lang) : ''}</dd>
          <dt>{ctx.t('account.assurance')}</dt>
          <dd>{props.acr ? ctx.t(`acr.${props.acr}`) : ''}</dd>
        </dl>
        <form method="post" action="/logout">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <button type="submit" class="button">
            {ctx.t('account.signOut')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
