/** What every settings page of 我的帳戶 shares: the heading, the outcome of the last action, the way back. */
import type { ComponentChildren } from 'preact';
import type { PageContext } from './context';
import { Layout } from './Layout';

export function SettingsFrame(props: {
  ctx: PageContext;
  title: string;
  /** The outcome of the last action, shown once. */
  notice?: string | undefined;
  /** A refusal that belongs to no single field. */
  error?: string | undefined;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.notice ? (
        <p class="message" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.children}
      <p>
        <a href="/account">{ctx.t('settings.back')}</a>
      </p>
    </Layout>
  );
}
