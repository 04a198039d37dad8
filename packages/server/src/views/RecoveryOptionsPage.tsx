/**
 * 忘記密碼 and 忘記帳號: the ways to the same end that this server offers, each a link with a line on what it
 * asks for, and plainly which ways are not enabled here.
 */
import type { PageContext } from './context';
import { Layout } from './Layout';

export interface RecoveryOption {
  readonly href: string;
  readonly title: string;
  readonly text: string;
}

export function RecoveryOptionsPage({
  ctx,
  title,
  intro,
  options,
  off,
}: {
  ctx: PageContext;
  title: string;
  intro: string;
  options: readonly RecoveryOption[];
  /** The titles of the ways that are not enabled on this server. */
  off: readonly string[];
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel notice-page" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{title}</h1>
        <p id="recovery-intro">{intro}</p>
        <ul class="manage-list" aria-labelledby="recovery-intro">
          {options.map((option) => (
            <li key={option.href}>
              <a href={option.href}>{option.title}</a>
              <p>{option.text}</p>
            </li>
          ))}
        </ul>
        {off.length > 0 ? (
          <ul class="notes">
            {off.map((name) => (
              <li key={name}>
                {name}
                <span class="off-tag">{ctx.t('login.notEnabledShort')}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/login">{ctx.t('feature.backToLogin')}</a>
        </p>
      </section>
    </Layout>
  );
}
