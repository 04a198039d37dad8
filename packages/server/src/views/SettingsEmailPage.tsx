/** 變更電子郵件: the current address, and the new one to which the confirmation link goes. */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { SettingsFrame } from './SettingsFrame';

export function SettingsEmailPage(props: {
  ctx: PageContext;
  currentEmail: string;
  /** What was typed, kept after a refusal. */
  typed?: string | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.email')} notice={props.notice}>
      <form method="post" action="/account/email" class="panel form">
        <p>{ctx.t('settings.email.intro', { email: props.currentEmail })}</p>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <Field
          id="email"
          label={ctx.t('settings.email.new')}
          error={props.error}
          input={{ name: 'email', type: 'email', autoComplete: 'email', maxLength: 254, required: true, value: props.typed ?? '' }}
        />
        <button type="submit" class="button button--primary">
          {ctx.t('settings.email.submit')}
        </button>
      </form>
    </SettingsFrame>
  );
}
