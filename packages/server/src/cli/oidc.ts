/** `menhu oidc rotate-keys`: a new signing key for ID tokens; the old ones stay published until their tokens expire. */
import { Command } from 'commander';
import { withPlatform } from './context';

export function oidcCommand(): Command {
  const oidc = new Command('oidc').description('the OpenID Connect provider agencies sign in through');
  oidc
    .command('rotate-keys')
    .description('make a new signing key; earlier keys stay in the JWKS until tokens they signed have expired (restart the servers to start signing with it)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const { kid, removed } = await platform.oidc.keys.rotate();
        const published = (await platform.oidc.keys.current()).map((k) => k.kid);
        if (opts.json) return void process.stdout.write(JSON.stringify({ kid, published, removed }) + '\n');
        process.stdout.write(`new signing key ${kid}; published: ${published.join(', ')}; removed ${removed} expired key(s)\nrestart the servers to sign with the new key\n`);
      });
    });
  return oidc;
}
