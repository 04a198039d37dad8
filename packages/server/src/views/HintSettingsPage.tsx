/** 我的帳戶 → 密碼提示問題: the question now, a form to set a new one, and a button that removes it. */
import type { HintProblems } from '../services/hint';
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { HINT_FIELD_ORDER, HintFields, type HintValues } from './HintFields';
import { SettingsFrame } from './SettingsFrame';

export function HintSettingsPage(props: {
  ctx: PageContext;
  /** The question as the reader sees it, or null when none is set. */
  current: string | null;
  values?: HintValues | undefined;
  problems?: HintProblems | undefined;
  /** The outcome of the last change, shown once. */
  notice?: string | undefined;
}) {
  const { ctx, problems } = props;
  const listed = HINT_FIELD_ORDER.filter((f) => problems?.[f]);
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.hint')} notice={props.notice}>
      {listed.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{ctx.t('register.errorSummary')}</p>
          <ul>
            {listed.map((f) => (
              <li key={f}>
                <a href={`#${f}`}>{ctx.t(problems![f]!.code, problems![f]!.params)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section class="panel" aria-labelledby="hint-current">
        <h2 id="hint-current">{props.current ? ctx.t('hint.settings.current', { question: props.current }) : ctx.t('hint.settings.noneSet')}</h2>
        {props.current ? (
          <form method="post" action="/account/hint">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <input type="hidden" name="action" value="remove" />
            <button type="submit" class="button">
              {ctx.t('hint.settings.remove')}
            </button>
          </form>
        ) : null}
      </section>
      <form method="post" action="/account/hint" class="panel form" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <input type="hidden" name="action" value="set" />
        <HintFields ctx={ctx} legend={ctx.t('hint.settings.newLegend')} values={props.values} problems={problems} optional={false} />
        <button type="submit" class="button button--primary">
          {ctx.t('hint.settings.save')}
        </button>
      </form>
    </SettingsFrame>
  );
}
