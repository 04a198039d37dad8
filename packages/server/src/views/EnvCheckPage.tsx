/**
 * 環境檢測: the list of checks, each with a heading and a state in words, filled in by the page script
 * (client/envcheck.ts) after the citizen presses the button — window.open needs a user gesture. Without
 * JavaScript the page says the check needs it. The texts the script writes travel in a JSON data block
 * (not executed, so the CSP nonce does not apply), in the reader's language.
 */
import { MESSAGE_KEYS, type MessageKey } from '@menhu/protocol';
import type { PageContext } from './context';
import { Layout } from './Layout';

/** The checks, in the order they are shown; ids are the script's handles (`envcheck-<id>`). */
export const ENV_CHECKS = [
  ['browser', 'envcheck.browser.heading'],
  ['cookies', 'envcheck.cookies.heading'],
  ['popups', 'envcheck.popups.heading'],
  ['component', 'envcheck.component.heading'],
  ['version', 'envcheck.version.heading'],
  ['readers', 'envcheck.readers.heading'],
  ['card', 'envcheck.card.heading'],
  ['certs', 'envcheck.certs.heading'],
  ['clock', 'envcheck.clock.heading'],
] as const satisfies readonly (readonly [string, MessageKey])[];

/** JSON inside <script>: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function EnvCheckPage(props: { ctx: PageContext; signerOrigin: string }) {
  const { ctx } = props;
  const texts = Object.fromEntries(MESSAGE_KEYS.filter((k) => k.startsWith('envcheck.')).map((k) => [k, ctx.t(k)]));
  return (
    <Layout ctx={ctx} title={ctx.t('envcheck.title')}>
      <section
        class="panel envcheck"
        id="envcheck"
        aria-labelledby="envcheck-title"
        data-signer-origin={props.signerOrigin}
        data-lang={ctx.lang}
      >
        <h1 id="envcheck-title">{ctx.t('envcheck.title')}</h1>
        <p class="lead">{ctx.t('envcheck.intro')}</p>
        <noscript>
          <p class="notice" id="envcheck-noscript">
            {ctx.t('envcheck.noscript')}
          </p>
        </noscript>
        <p id="envcheck-popup-note">{ctx.t('envcheck.popupNote')}</p>
        {/* Shown by the script: without it the button could do nothing. */}
        <button type="button" id="envcheck-start" class="button button--primary" hidden>
          {ctx.t('envcheck.start')}
        </button>
        <p role="status" id="envcheck-status" class="envcheck__status" />
        <h2 id="envcheck-results-heading">{ctx.t('envcheck.resultsHeading')}</h2>
        <ul class="manage-list envcheck__results" id="envcheck-results" aria-labelledby="envcheck-results-heading">
          {ENV_CHECKS.map(([id, heading]) => (
            <li id={`envcheck-${id}`} data-state="pending">
              <h3>{ctx.t(heading)}</h3>
              <p class="envcheck__state">
                <span aria-hidden="true">○ </span>
                <strong>{ctx.t('envcheck.state.pending')}</strong>
              </p>
              <div class="envcheck__detail" />
            </li>
          ))}
        </ul>
        <h2 id="envcheck-lna">{ctx.t('envcheck.lna.heading')}</h2>
        <p>{ctx.t('envcheck.lna.body')}</p>
        <script type="application/json" id="envcheck-texts" dangerouslySetInnerHTML={{ __html: scriptJson(texts) }} />
      </section>
    </Layout>
  );
}
