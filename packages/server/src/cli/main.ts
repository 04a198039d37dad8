/**
 * `npx menhu`: the operator's command line. Each command lives in its own file and registers itself here;
 * later issues add theirs (agency, account, pki) the same way.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/schema';
import { serveCommand } from './serve';
import { migrateCommand } from './migrate';
import { announceCommand } from './announce';
import { accountCommand } from './account';
import { pkiCommand } from './pki';
import { cardsCommand } from './cards';
import { oidcCommand } from './oidc';
import { agencyCommand } from './agency';

export function buildProgram(): Command {
  const program = new Command('menhu')
    .description('Menhu (門戶) e-Government login platform: server and operator commands.\nConfiguration comes from the environment (see README).')
    .exitOverride()
    .showHelpAfterError();
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(announceCommand());
  program.addCommand(accountCommand());
  program.addCommand(pkiCommand());
  program.addCommand(cardsCommand());
  program.addCommand(oidcCommand());
  program.addCommand(agencyCommand());
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    // A command may report failure without throwing (e.g. `pki check` on a card that fails).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      return 78; // EX_CONFIG (sysexits.h): configuration error
    }
    process.stderr.write(`menhu: ${(err as Error).message}\n`);
    return 1;
  }
}
