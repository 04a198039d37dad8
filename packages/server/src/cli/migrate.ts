import { Command } from 'commander';
import { loadConfig } from '../config/schema';
import { openStore } from '../store/db';
import { migrateToLatest } from '../store/migrate';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date (the server also does this at start)')
    .action(async () => {
      const config = loadConfig(process.env);
      const store = openStore(config.database);
      try {
        const results = await migrateToLatest(store);
        if (results.length === 0) process.stdout.write('database is up to date\n');
        for (const r of results) process.stdout.write(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}\n`);
      } finally {
        await store.close();
      }
    });
}
