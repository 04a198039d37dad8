/**
 * The site's stylesheet and browser script, served from memory: the script is bundled by esbuild from
 * src/client when the app is built, so there is no build step to forget and no stale file to serve.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

let bundled: Promise<Map<string, Asset>> | undefined;

function asset(body: Buffer | string, type: string): Asset {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: buf, type, etag: `"${createHash('sha256').update(buf).digest('base64url').slice(0, 16)}"` };
}

async function bundle(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: [here('../client/app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome109', 'edge109', 'firefox115', 'safari15'],
    minify: true,
    legalComments: 'none',
  });
  const js = result.outputFiles[0];
  if (!js) throw new Error('esbuild produced no output');
  return new Map([
    ['app.js', asset(Buffer.from(js.contents), 'text/javascript; charset=utf-8')],
    ['site.css', asset(readFileSync(here('../../public/site.css')), 'text/css; charset=utf-8')],
  ]);
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  bundled ??= bundle();
  const assets = await bundled;
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { config: { session: false, rateLimit: false } },
    async (request, reply) => {
      const found = assets.get(request.params.name);
      if (!found) return reply.callNotFound();
      reply.header('etag', found.etag).header('cache-control', 'no-cache').type(found.type);
      if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
      return reply.send(found.body);
    },
  );
}
