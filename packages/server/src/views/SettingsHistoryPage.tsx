/** 登入紀錄: the account's sign-in attempts from the audit trail, newest first, in ROC dates and Taiwan time. */
import { formatRocDateTime, type MessageKey } from '@menhu/protocol';
import type { PageContext } from './context';
import { SettingsFrame } from './SettingsFrame';

export type SignInMethod = 'password' | 'card' | 'totp' | 'mobile' | 'social' | 'lock' | 'other';
export type SignInResult = 'success' | 'failure' | 'refused' | 'locked' | 'info';

export interface SignInAttempt {
  readonly at: Date;
  readonly method: SignInMethod;
  readonly ip: string | null;
  readonly result: SignInResult;
}

export function SettingsHistoryPage(props: { ctx: PageContext; attempts: readonly SignInAttempt[]; cap: number }) {
  const { ctx } = props;
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.history')}>
      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading" class="visually-hidden">
          {ctx.t('settings.history')}
        </h2>
        <p>{ctx.t('settings.history.intro', { count: props.cap })}</p>
        {props.attempts.length === 0 ? (
          <p>{ctx.t('settings.history.empty')}</p>
        ) : (
          <table id="sign-in-history">
            <caption class="visually-hidden">{ctx.t('settings.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('settings.history.when')}</th>
                <th scope="col">{ctx.t('settings.history.method')}</th>
                <th scope="col">{ctx.t('settings.history.address')}</th>
                <th scope="col">{ctx.t('settings.history.result')}</th>
              </tr>
            </thead>
            <tbody>
              {props.attempts.map((a, i) => (
                <tr key={i}>
                  <td>{formatRocDateTime(a.at, ctx.lang)}</td>
                  <td>{ctx.t(`settings.history.method.${a.method}` satisfies MessageKey)}</td>
                  <td>{a.ip ?? ctx.t('settings.sessions.unknown')}</td>
                  <td>{ctx.t(`settings.history.outcome.${a.result}` satisfies MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </SettingsFrame>
  );
}
