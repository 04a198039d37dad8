import { Command } from 'commander';
import { loadConfig } from '../config/schema';
import { startServer } from '../server';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the platform (HOST, PORT, PUBLIC_URL, DATABASE_URL … from the environment)')
    .action(async () => {
      const config = loadConfig(process.env);
      const running = await startServer(config);
      // Stay up until asked to stop; then finish requests in flight and close the database.
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await running.close();
    });
}
