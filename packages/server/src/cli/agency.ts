/**
 * `menhu agency add|list|show|rotate-secret|disable`: registering the agencies (OpenID Connect clients) that sign
 * citizens in through the platform. The client secret is printed once, by `add` and `rotate-secret`.
 * `--json` speaks OAuth's snake_case (client_id, client_secret, redirect_uris…) for scripts.
 */
import { Command } from 'commander';
import { formatRocDateTime, type Acr } from '@menhu/protocol';
import type { Agency, AgencyInput, AgencyScope } from '../services/agencies';
import { withPlatform } from './context';

const NOT_SHOWN_AGAIN = 'This secret will not be shown again: hand it to the agency now, over a safe channel (rotate-secret makes a new one).';

function toJson(a: Agency) {
  return {
    client_id: a.clientId,
    name: a.name,
    status: a.status,
    redirect_uris: a.redirectUris,
    post_logout_redirect_uris: a.postLogoutRedirectUris,
    backchannel_logout_uri: a.backchannelLogoutUri,
    grant_types: a.grantTypes,
    scopes: a.scopes,
    min_acr: a.minAcr,
    totp_required: a.totpRequired,
    sector: a.sector,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

function describe(a: Agency): string[] {
  const list = (values: readonly string[]) => (values.length ? values.join('\n               ') : '-');
  return [
    `client_id      ${a.clientId}`,
    `name           ${a.name}`,
    `status         ${a.status}`,
    `redirect URIs  ${list(a.redirectUris)}`,
    `post-logout    ${list(a.postLogoutRedirectUris)}`,
    `back-channel   ${a.backchannelLogoutUri ?? '-'}`,
    `grant types    ${a.grantTypes.join(' ')}`,
    `scopes         ${a.scopes.join(' ')}`,
    `minimum acr    ${a.minAcr}`,
    `TOTP required  ${a.totpRequired ? 'yes' : 'no'}`,
    `sector         ${a.sector}`,
    `created        ${formatRocDateTime(a.createdAt, 'zh-TW')}`,
    `updated        ${formatRocDateTime(a.updatedAt, 'zh-TW')}`,
  ];
}

interface AddOptions {
  name?: string;
  redirectUri?: string[];
  postLogoutRedirectUri?: string[];
  backchannelLogoutUri?: string;
  scope?: string[];
  minAcr?: string;
  totpRequired?: boolean;
  sector?: string;
  clientCredentials?: boolean;
  json?: boolean;
}

export function agencyCommand(): Command {
  const agency = new Command('agency').description('agencies: the OpenID Connect clients that sign citizens in');

  agency
    .command('add')
    .description('register an agency and print its client_id and secret (the secret only this once)')
    // Not commander's requiredOption or choices: the service names every problem of the input at once.
    .option('--name <name>', 'the agency and service, as citizens see it (required)')
    .option('--redirect-uri <uri...>', 'where sign-ins return: https, or http on localhost/127.0.0.1; no fragment')
    .option('--post-logout-redirect-uri <uri...>', 'where sign-outs may return (same rules)')
    .option('--backchannel-logout-uri <uri>', 'where the platform tells the agency a session ended (same rules)')
    .option('--scope <scope...>', 'scopes it may ask for: openid profile email tw_id offline_access (default: openid profile email)')
    .option('--min-acr <acr>', 'the lowest assurance it accepts: low (default), substantial or high')
    .option('--totp-required', 'citizens must also give a TOTP code')
    .option('--sector <sector>', 'host name its pairwise subjects are computed for (default: the host of the first redirect URI)')
    .option('--client-credentials', 'allow the client_credentials grant (a back end calling the platform)')
    .option('--json', 'print the result as one JSON object (with client_id and client_secret)')
    .action(async (opts: AddOptions) => {
      await withPlatform(async (platform) => {
        // The strings go to the service as typed; it checks scopes and acr and names every problem at once.
        const input: AgencyInput = {
          name: opts.name ?? '',
          redirectUris: opts.redirectUri ?? [],
          ...(opts.postLogoutRedirectUri ? { postLogoutRedirectUris: opts.postLogoutRedirectUri } : {}),
          ...(opts.backchannelLogoutUri !== undefined ? { backchannelLogoutUri: opts.backchannelLogoutUri } : {}),
          ...(opts.scope ? { scopes: opts.scope.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean) as AgencyScope[] } : {}),
          ...(opts.minAcr !== undefined ? { minAcr: opts.minAcr as Acr } : {}),
          ...(opts.totpRequired ? { totpRequired: true } : {}),
          ...(opts.sector !== undefined ? { sector: opts.sector } : {}),
          ...(opts.clientCredentials ? { clientCredentials: true } : {}),
        };
        const { agency: a, clientSecret } = await platform.agencies.add(input);
        if (opts.json) return void process.stdout.write(JSON.stringify({ ...toJson(a), client_secret: clientSecret }) + '\n');
        process.stdout.write(
          [`added agency ${a.clientId} (${a.name})`, ...describe(a), `client_secret  ${clientSecret}`, NOT_SHOWN_AGAIN].join('\n') + '\n',
        );
      });
    });

  agency
    .command('list')
    .description('list every agency, oldest first')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const all = await platform.agencies.list();
        if (opts.json) return void process.stdout.write(JSON.stringify(all.map(toJson)) + '\n');
        for (const a of all) process.stdout.write(`${a.clientId}\t${a.status}\t${a.minAcr}\t${a.sector}\t${a.name}\n`);
      });
    });

  agency
    .command('show')
    .argument('<client_id>', 'the agency')
    .description('show one agency (never its secret)')
    .option('--json', 'print as JSON')
    .action(async (clientId: string, opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const a = await platform.agencies.byClientId(clientId);
        if (!a) throw new Error(`no agency with client_id "${clientId}"`);
        if (opts.json) return void process.stdout.write(JSON.stringify(toJson(a)) + '\n');
        process.stdout.write(describe(a).join('\n') + '\n');
      });
    });

  agency
    .command('rotate-secret')
    .argument('<client_id>', 'the agency')
    .description('replace the client secret; the old one stops working at once')
    .option('--json', 'print { client_id, client_secret } as JSON')
    .action(async (clientId: string, opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const clientSecret = await platform.agencies.rotateSecret(clientId);
        if (opts.json) return void process.stdout.write(JSON.stringify({ client_id: clientId, client_secret: clientSecret }) + '\n');
        process.stdout.write([`new secret for ${clientId}`, `client_secret  ${clientSecret}`, NOT_SHOWN_AGAIN].join('\n') + '\n');
      });
    });

  agency
    .command('disable')
    .argument('<client_id>', 'the agency')
    .description('disable an agency: the platform stops signing citizens in for it')
    .action(async (clientId: string) => {
      await withPlatform(async (platform) => {
        await platform.agencies.disable(clientId);
        process.stdout.write(`disabled ${clientId}\n`);
      });
    });

  return agency;
}
