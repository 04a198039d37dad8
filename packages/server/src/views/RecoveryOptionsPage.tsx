/**
 * 忘記帳號 and 忘記密碼 while only the card's ways are built: says plainly that e-mail and the hint question are
 * not enabled here, and links the ways that are.
 */
import type { PageContext } from './context';
import { Layout } from './Layout';

export interface RecoveryOption {
  readonly href: string;
  readonly text: string;
}

export function RecoveryOptionsPage({ ctx, title, options }: { ctx: PageContext; title: string; options: readonly RecoveryOption[] }) {
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel notice-page" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{title}</h1>
        <p>{ctx.t('recovery.otherWaysOff')}</p>
        <p id="recovery-instead">{ctx.t('recovery.useInstead')}</p>
        <ul aria-labelledby="recovery-instead">
          {options.map((option) => (
            <li key={option.href}>
              <a href={option.href}>{option.text}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/login">{ctx.t('feature.backToLogin')}</a>
        </p>
      </section>
    </Layout>
  );
}
