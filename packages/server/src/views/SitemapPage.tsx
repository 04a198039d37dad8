/** 網站導覽: the access keys and every page a visitor can reach. */
import type { PageContext } from './context';
import { Layout } from './Layout';

export function SitemapPage({ ctx, pages }: { ctx: PageContext; pages: readonly { href: string; title: string }[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('sitemap.title')}>
      <h1>{ctx.t('sitemap.title')}</h1>
      <section class="panel" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{ctx.t('sitemap.keysHeading')}</h2>
        <p>{ctx.t('sitemap.keysIntro')}</p>
        <ul>
          <li>{ctx.t('sitemap.keyTop')}</li>
          <li>{ctx.t('sitemap.keyMain')}</li>
          <li>{ctx.t('sitemap.keyBottom')}</li>
        </ul>
        <p>{ctx.t('sitemap.browserNote')}</p>
      </section>
      <section class="panel" aria-labelledby="pages-heading">
        <h2 id="pages-heading">{ctx.t('sitemap.pagesHeading')}</h2>
        <ul>
          {pages.map((p) => (
            <li key={p.href}>
              <a href={p.href}>{p.title}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
