import { Command, InvalidArgumentError } from 'commander';
import { formatRocDateTime, isLang, type Lang } from '@menhu/protocol';

function parseLang(value: string): Lang {
  if (!isLang(value)) throw new InvalidArgumentError(`"${value}" is not a language of the platform; use zh-TW or en`);
  return value;
}
import { withPlatform } from './context';

/** Accepts ISO 8601 (2026-12-01T18:00+08:00); a date and time without a zone is read as Taiwan time. */
export function parseTime(value: string): Date {
  const trimmed = value.trim();
  let iso = trimmed;
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) iso = `${trimmed}T00:00:00+08:00`;
  else if (!/([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed)) iso = `${trimmed}+08:00`;
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`"${value}" is not a date; use 2026-12-01T18:00 (Taiwan time) or ISO 8601`);
  }
  return date;
}

export function announceCommand(): Command {
  const announce = new Command('announce').description('announcements on the login page');
  announce
    .command('add')
    .description('publish an announcement')
    .requiredOption('--title <text>', 'title, up to 200 characters')
    .requiredOption('--body <text>', 'text, up to 4000 characters')
    .option('--publish <time>', 'when it appears (default: now); Taiwan time unless a zone is given', parseTime)
    .option('--expires <time>', 'when it disappears (default: never)', parseTime)
    .option('--lang <lang>', 'the language it is written in: zh-TW (default) or en', parseLang)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { title: string; body: string; lang?: Lang; publish?: Date; expires?: Date; json?: boolean }) => {
      await withPlatform(async (platform) => {
        // An AnnouncementInputError's message is what the operator needs; main() prints it with a failing status.
        const a = await platform.announcements.add({
          title: opts.title,
          body: opts.body,
          ...(opts.lang ? { lang: opts.lang } : {}),
          ...(opts.publish ? { publishAt: opts.publish } : {}),
          ...(opts.expires ? { expiresAt: opts.expires } : {}),
        });
        await platform.audit.record({ event: 'announcement.add', outcome: 'success', detail: { id: a.id, via: 'cli' } });
        if (opts.json) return void process.stdout.write(JSON.stringify(a) + '\n');
        const until = a.expiresAt ? ` until ${formatRocDateTime(a.expiresAt, 'zh-TW')}` : '';
        process.stdout.write(`announcement ${a.id} published ${formatRocDateTime(a.publishAt, 'zh-TW')}${until}\n`);
      });
    });
  announce
    .command('list')
    .description('list every announcement, newest first')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const all = await platform.announcements.all();
        if (opts.json) return void process.stdout.write(JSON.stringify(all) + '\n');
        for (const a of all) {
          const until = a.expiresAt ? ` → ${formatRocDateTime(a.expiresAt, 'zh-TW')}` : '';
          process.stdout.write(`${a.id}\t${formatRocDateTime(a.publishAt, 'zh-TW')}${until}\t${a.title}\n`);
        }
      });
    });
  return announce;
}
