/** `menhu cards warn-expiring`: the month-ahead expiry mail, for cron (the server also runs it hourly). */
import { Command } from 'commander';
import { withPlatform } from './context';

export function cardsCommand(): Command {
  const cards = new Command('cards').description('citizen certificate cards bound to accounts');
  cards
    .command('warn-expiring')
    .description('mail the holder of every bound card that expires within a month (once per card)')
    .action(async () => {
      await withPlatform(async (platform) => {
        const sent = await platform.cardExpiry.warnExpiring();
        process.stdout.write(`sent ${sent} expiry warning${sent === 1 ? '' : 's'}\n`);
      });
    });
  return cards;
}
