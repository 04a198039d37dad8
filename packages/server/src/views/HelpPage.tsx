/**
 * 常見問題: what to do when card sign-in fails, installing the component, trusting this site, pop-ups, a
 * forgotten PIN or locked card, the mobile versus the physical certificate, browsers and devices, and the
 * helplines. Each question is a section whose heading carries the anchor messages link to (`/help#locked-card`,
 * the list is HELP_ANCHORS in @menhu/protocol component-codes.ts).
 *
 * Searchable without JavaScript: the search box is a GET form, and `?q=` shows only the questions whose text
 * holds the words. With JavaScript, client/help-search.ts filters the same sections as one types and
 * announces the count in the status region.
 */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '@menhu/protocol';
import type { PageContext } from './context';
import { Layout } from './Layout';
import { fold, matches } from '../client/help-search';

const MOICA_URL = 'https://moica.nat.gov.tw/';
const MOEACA_URL = 'https://moeaca.nat.gov.tw/';

interface Question {
  /** The anchor, on the question's heading. */
  readonly id: string;
  readonly heading: MessageKey;
  /** Every text of the answer, for the search without JavaScript (the script reads the rendered text). */
  readonly keys: readonly MessageKey[];
  readonly body: (ctx: PageContext) => ComponentChildren;
}

function Steps({ ctx, keys }: { ctx: PageContext; keys: readonly MessageKey[] }) {
  return (
    <ol>
      {keys.map((k) => (
        <li key={k}>{ctx.t(k)}</li>
      ))}
    </ol>
  );
}

function Paragraphs({ ctx, keys }: { ctx: PageContext; keys: readonly MessageKey[] }) {
  return (
    <>
      {keys.map((k) => (
        <p key={k}>{ctx.t(k)}</p>
      ))}
    </>
  );
}

const CARD_STEPS = ['help.cardFailed.s1', 'help.cardFailed.s2', 'help.cardFailed.s3', 'help.cardFailed.s4', 'help.cardFailed.s5'] as const;
const CHROME_STEPS = ['help.chrome.1', 'help.chrome.2', 'help.chrome.3', 'help.chrome.4'] as const;
const EDGE_STEPS = ['help.edge.1', 'help.edge.2', 'help.edge.3'] as const;

const QUESTIONS: readonly Question[] = [
  {
    id: 'card-failed',
    heading: 'help.cardFailed.q',
    keys: ['help.cardFailed.intro', ...CARD_STEPS, 'help.chrome.heading', ...CHROME_STEPS, 'help.edge.heading', ...EDGE_STEPS],
    body: (ctx) => (
      <>
        <p>{ctx.t('help.cardFailed.intro')}</p>
        <Steps ctx={ctx} keys={CARD_STEPS} />
        <h3 id="cookies-chrome">{ctx.t('help.chrome.heading')}</h3>
        <Steps ctx={ctx} keys={CHROME_STEPS} />
        <h3 id="cookies-edge">{ctx.t('help.edge.heading')}</h3>
        <Steps ctx={ctx} keys={EDGE_STEPS} />
      </>
    ),
  },
  {
    id: 'install-component',
    heading: 'help.install.q',
    keys: ['help.install.a1', 'help.install.a2', 'help.install.a3', 'help.install.a4', 'feature.envCheck'],
    body: (ctx) => (
      <>
        <Paragraphs ctx={ctx} keys={['help.install.a1', 'help.install.a2', 'help.install.a3']} />
        <p>
          {ctx.t('help.install.a4')} <a href="/envcheck">{ctx.t('feature.envCheck')}</a>
        </p>
      </>
    ),
  },
  {
    id: 'trust-site',
    heading: 'help.trust.q',
    keys: ['help.trust.a1', 'help.trust.a2'],
    body: (ctx) => <Paragraphs ctx={ctx} keys={['help.trust.a1', 'help.trust.a2']} />,
  },
  {
    id: 'popups',
    heading: 'help.popups.q',
    keys: ['help.popups.a1', 'help.popups.a2'],
    body: (ctx) => <Paragraphs ctx={ctx} keys={['help.popups.a1', 'help.popups.a2']} />,
  },
  {
    id: 'locked-card',
    heading: 'help.locked.q',
    keys: ['help.locked.a1', 'help.locked.a2', 'help.locked.moica', 'help.locked.moeaca', 'help.locked.a3'],
    body: (ctx) => (
      <>
        <p>{ctx.t('help.locked.a1')}</p>
        <p>{ctx.t('help.locked.a2')}</p>
        <ul>
          <li>
            <a href={MOICA_URL} rel="noopener noreferrer">
              {ctx.t('help.locked.moica')}
            </a>
          </li>
          <li>
            <a href={MOEACA_URL} rel="noopener noreferrer">
              {ctx.t('help.locked.moeaca')}
            </a>
          </li>
        </ul>
        <p>{ctx.t('help.locked.a3')}</p>
      </>
    ),
  },
  {
    id: 'mobile-certificate',
    heading: 'help.mobile.q',
    keys: ['help.mobile.a1', 'help.mobile.a2', 'help.mobile.a3'],
    body: (ctx) => <Paragraphs ctx={ctx} keys={['help.mobile.a1', 'help.mobile.a2', 'help.mobile.a3']} />,
  },
  {
    id: 'browsers',
    heading: 'help.browsers.q',
    keys: ['help.browsers.a1', 'help.browsers.a2'],
    body: (ctx) => <Paragraphs ctx={ctx} keys={['help.browsers.a1', 'help.browsers.a2']} />,
  },
  {
    id: 'clock',
    heading: 'help.clock.q',
    keys: ['help.clock.a1', 'help.clock.a2', 'help.clock.a3', 'feature.envCheck'],
    body: (ctx) => (
      <>
        <Paragraphs ctx={ctx} keys={['help.clock.a1', 'help.clock.a2']} />
        <p>
          {ctx.t('help.clock.a3')} <a href="/envcheck">{ctx.t('feature.envCheck')}</a>
        </p>
      </>
    ),
  },
  {
    id: 'helplines',
    heading: 'help.contact.heading',
    keys: ['help.contact.text', 'help.helplines.moica', 'help.helplines.moeaca', 'help.helplines.unlock'],
    body: (ctx) => (
      <>
        <p>{ctx.t('help.contact.text')}</p>
        <ul>
          <li>
            <a href="tel:0800080117">{ctx.t('help.helplines.moica')}</a>
          </li>
          <li>
            <a href="tel:+886-2-412-1166">{ctx.t('help.helplines.moeaca')}</a>
          </li>
        </ul>
        <p>
          <a href="#locked-card">{ctx.t('help.helplines.unlock')}</a>
        </p>
      </>
    ),
  },
];

function searchQuery(url: string): string {
  const q = new URL(url, 'http://localhost').searchParams.get('q') ?? '';
  return q.trim().slice(0, 100);
}

export function HelpPage({ ctx }: { ctx: PageContext }) {
  const query = searchQuery(ctx.url);
  const folded = fold(query);
  const shown = QUESTIONS.map((q) => !folded || matches(fold([q.heading, ...q.keys].map((k) => ctx.t(k)).join(' ')), folded));
  const count = shown.filter(Boolean).length;
  return (
    <Layout ctx={ctx} title={ctx.t('help.title')}>
      <h1>{ctx.t('help.title')}</h1>
      <p class="lead">{ctx.t('help.intro')}</p>
      <form role="search" method="get" action="/help" class="form panel" id="help-search-form">
        <div class="field">
          <label for="help-search">{ctx.t('help.search.label')}</label>
          <input
            id="help-search"
            name="q"
            type="search"
            value={query}
            maxLength={100}
            autoComplete="off"
            aria-describedby="help-search-hint"
            aria-controls="help-questions"
          />
          <p class="hint" id="help-search-hint">
            {ctx.t('help.search.hint')}
          </p>
        </div>
        <button type="submit" class="button">
          {ctx.t('help.search.submit')}
        </button>
        {query ? (
          <p>
            <a href="/help">{ctx.t('help.search.showAll')}</a>
          </p>
        ) : null}
        <p
          role="status"
          id="help-search-status"
          data-count={ctx.t('help.search.count', { count: '{count}' })}
          data-none={ctx.t('help.search.none')}
        >
          {query ? (count > 0 ? ctx.t('help.search.count', { count }) : ctx.t('help.search.none')) : ''}
        </p>
      </form>
      <div class="login-grid" id="help-questions">
        {QUESTIONS.map((q, i) => (
          <section class="panel panel--wide" aria-labelledby={q.id} data-help-question={q.id} hidden={!shown[i]} key={q.id}>
            <h2 id={q.id}>{ctx.t(q.heading)}</h2>
            {q.body(ctx)}
          </section>
        ))}
      </div>
    </Layout>
  );
}
