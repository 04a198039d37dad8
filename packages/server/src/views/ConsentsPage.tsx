/** 我的帳戶 › 已授權的機關服務: the agencies the citizen let sign them in, what each receives, and withdrawing it. */
import { formatRocDateTime, type MessageKey } from '@menhu/protocol';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { SettingsFrame } from './SettingsFrame';

export interface ConsentRow {
  readonly grantId: string;
  readonly agency: string;
  readonly items: readonly MessageKey[];
  readonly at: Date;
}

export function ConsentsPage(props: { ctx: PageContext; consents: readonly ConsentRow[]; notice?: string | undefined }) {
  const { ctx } = props;
  const title = ctx.t('settings.agencies');
  return (
    <SettingsFrame ctx={ctx} title={title} notice={props.notice}>
      <section class="panel" aria-labelledby="consents-intro">
        <p id="consents-intro">{ctx.t('consents.intro')}</p>
        {props.consents.length === 0 ? (
          <p>{ctx.t('consents.none')}</p>
        ) : (
          <ul class="plain-list">
            {props.consents.map((c) => (
              <li key={c.grantId}>
                <h2>{c.agency}</h2>
                <p>{ctx.t('consents.since', { at: formatRocDateTime(c.at, ctx.lang) })}</p>
                <ul>
                  {c.items.map((k) => (
                    <li key={k}>{ctx.t(k)}</li>
                  ))}
                </ul>
                <form method="post" action="/account/agencies/withdraw">
                  <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                  <input type="hidden" name="grantId" value={c.grantId} />
                  <button type="submit" class="button" aria-label={ctx.t('consents.withdrawLabel', { agency: c.agency })}>
                    {ctx.t('consents.withdraw')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </SettingsFrame>
  );
}
