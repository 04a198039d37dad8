/**
 * The card's PIN field and the button that starts signing, shared by every card panel. There is no <form>
 * around them on purpose: the PIN goes only to the local component (client/card-login.ts), so no click or Enter
 * key can submit it to this server, with or without JavaScript.
 */
import type { PageContext } from './context';

export function PinField({ ctx, button }: { ctx: PageContext; button: string }) {
  return (
    <>
      <div class="field">
        <label for="pin">{ctx.t('login.card.pin')}</label>
        <input id="pin" name="pin" type="password" inputMode="numeric" pattern="[0-9]{6,8}" minLength={6} maxLength={8} autoComplete="off" required />
        <p class="hint" id="pin-hint">
          {ctx.t('login.card.pinHint')}
        </p>
      </div>
      <button type="button" class="button button--primary" id="card-submit">
        {button}
      </button>
      <p id="card-status" role="status" aria-live="polite" />
    </>
  );
}
