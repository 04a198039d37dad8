/**
 * 更正個人資料: the name and the ID number, editable while no card has verified them; afterwards shown read-only
 * with the reason.
 */
import { CSRF_FIELD } from '../http/csrf';
import type { Account } from '../services/accounts';
import type { PageContext } from './context';
import { Field } from './Field';
import { SettingsFrame } from './SettingsFrame';

export type ProfileFormField = 'displayName' | 'idNumber';

export function SettingsProfilePage(props: {
  ctx: PageContext;
  account: Account;
  /** What was typed, kept after a refusal. */
  typed?: { displayName: string; idNumber: string } | undefined;
  errors?: Partial<Record<ProfileFormField, string>>;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { ctx, account } = props;
  const errors = props.errors ?? {};
  return (
    <SettingsFrame ctx={ctx} title={ctx.t('settings.profile')} notice={props.notice} error={props.error}>
      <section class="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading" class="visually-hidden">
          {ctx.t('settings.profile')}
        </h2>
        <p>{ctx.t('settings.profile.intro')}</p>
        {account.idVerified ? (
          <>
            <p class="notice" id="profile-verified">
              {ctx.t('settings.profile.verified')}
            </p>
            <dl class="facts">
              <dt>{ctx.t('account.name')}</dt>
              <dd>{account.displayName}</dd>
              <dt>{ctx.t('account.idNumber')}</dt>
              <dd>
                {account.maskedId}（{ctx.t('account.idVerified')}）
              </dd>
            </dl>
          </>
        ) : (
          <form method="post" action="/account/profile" class="form">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <Field
              id="displayName"
              label={ctx.t('register.name')}
              hint={ctx.t('register.nameHint')}
              error={errors.displayName}
              input={{ name: 'displayName', type: 'text', autoComplete: 'name', maxLength: 50, required: true, value: props.typed?.displayName ?? account.displayName }}
            />
            <Field
              id="idNumber"
              label={ctx.t('register.idNumber')}
              hint={ctx.t('settings.profile.idHint', { masked: account.maskedId })}
              error={errors.idNumber}
              input={{ name: 'idNumber', type: 'text', autoComplete: 'off', autoCapitalize: 'characters', spellcheck: false, maxLength: 10, value: props.typed?.idNumber ?? '' }}
            />
            <button type="submit" class="button button--primary">
              {ctx.t('settings.profile.submit')}
            </button>
          </form>
        )}
      </section>
    </SettingsFrame>
  );
}
