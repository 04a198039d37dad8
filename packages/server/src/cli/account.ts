/** `menhu account show|unlock|disable <account>`: the operator's look at one member account. */
import { Command } from 'commander';
import { formatRocDateTime } from '@menhu/protocol';
import { withPlatform } from './context';

const OPERATOR = { ip: null, userAgent: 'menhu-cli' } as const;

function notFound(name: string): Error {
  return new Error(`no account named "${name}"`);
}

export function accountCommand(): Command {
  const account = new Command('account').description('member accounts');

  account
    .command('show')
    .argument('<account>', 'account name (any width or case)')
    .description('show an account: status, masked ID number, lock, recent events')
    .option('--json', 'print as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const found = await platform.accounts.byName(name);
        if (!found) throw notFound(name);
        const a = found.account;
        const lock = await platform.locks.state(a.accountName);
        const events = await platform.audit.list({ accountId: a.id, limit: 10 });
        if (opts.json) {
          return void process.stdout.write(
            JSON.stringify({ ...a, lockedUntil: lock.locked ? new Date(lock.until) : null, recentEvents: events }) + '\n',
          );
        }
        const when = (d: Date | null) => (d ? formatRocDateTime(d, 'zh-TW') : '-');
        const lines = [
          `account     ${a.accountName}`,
          `id          ${a.id}`,
          `name        ${a.displayName}`,
          `status      ${a.status}`,
          `ID number   ${a.maskedId} (${a.idVerified ? 'verified by card' : 'unverified claim'})`,
          `e-mail      ${a.email}`,
          `created     ${when(a.createdAt)}`,
          `activated   ${when(a.activatedAt)}`,
          `locked      ${lock.locked ? `until ${formatRocDateTime(new Date(lock.until), 'zh-TW')}` : 'no'}`,
          'recent events:',
          ...events.map((e) => `  ${formatRocDateTime(new Date(e.at), 'zh-TW')}  ${e.event} ${e.outcome}${e.ip ? `  ${e.ip}` : ''}`),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  account
    .command('unlock')
    .argument('<account>', 'account name')
    .description('lift a password lock at once')
    .action(async (name: string) => {
      await withPlatform(async (platform) => {
        const found = await platform.accounts.byName(name);
        if (!found) throw notFound(name);
        const lifted = await platform.locks.unlock(found.account.accountName);
        await platform.audit.record({ event: 'account.unlock', outcome: 'success', accountId: found.account.id, ...OPERATOR, detail: { via: 'cli', lifted } });
        process.stdout.write(lifted ? `unlocked ${found.account.accountName}\n` : `${found.account.accountName} had no lock or failures\n`);
      });
    });

  account
    .command('disable')
    .argument('<account>', 'account name')
    .description('disable an account and end its sessions')
    .action(async (name: string) => {
      await withPlatform(async (platform) => {
        const found = await platform.accounts.byName(name);
        if (!found) throw notFound(name);
        await platform.accounts.setStatus(found.account.id, 'disabled');
        const ended = await platform.sessions.endAllOf(found.account.id);
        await platform.audit.record({ event: 'account.disable', outcome: 'success', accountId: found.account.id, ...OPERATOR, detail: { via: 'cli', sessionsEnded: ended } });
        process.stdout.write(`disabled ${found.account.accountName}; ended ${ended} session(s)\n`);
      });
    });

  return account;
}
