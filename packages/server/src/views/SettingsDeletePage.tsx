/** 刪除帳號: what goes and what the audit trail keeps, then the password and the account name typed again. */
import { CSRF_FIELD } from '../http/csrf';
import type { PageContext } from './context';
import { Field } from './Field';
import { SettingsFrame } from './SettingsFrame';

export type DeleteFormField = 'password' | 'accountName';

export function SettingsDeletePage(props: { ctx: PageContext; accountName: string; errors?: Partial<Record<DeleteFormField, string>> }) {
  const { ctx } = props;
  const errors = props.errors ?? {};
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.delete')}>
      <form method="post" action="/account/delete" class="panel form">
        <p>{ctx.t('settings.delete.intro')}</p>
        <p>{ctx.t('settings.delete.whatGoes')}</p>
        <p>{ctx.t('settings.delete.whatStays')}</p>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <input type="hidden" name="account" autoComplete="username" value={props.accountName} />
        <Field
          id="password"
          label={ctx.t('settings.delete.password')}
          error={errors.password}
          input={{ name: 'password', type: 'password', autoComplete: 'current-password', maxLength: 256, required: true }}
        />
        <Field
          id="accountName"
          label={ctx.t('settings.delete.typeName', { account: props.accountName })}
          error={errors.accountName}
          input={{ name: 'accountName', type: 'text', autoComplete: 'off', spellcheck: false, maxLength: 64, required: true }}
        />
        <button type="submit" class="button button--primary">
          {ctx.t('settings.delete.submit')}
        </button>
      </form>
    </SettingsFrame>
  );
}
