/**
 * `npx menhu-signer`: starts the local signing component.
 *
 *   menhu-signer --module <pkcs11 .so/.dylib/.dll> [--trust <origin> …] [--port 61161] [--config file.json]
 *   menhu-signer --software-token card.p12 [--software-token-password <pw>] [--trust …]   (demo, not a card)
 *
 * The config file (JSON) may hold the same settings — { "module", "port", "trustedOrigins": [], "softwareToken" }
 * — and /addDomain writes newly trusted sites back into it. Command-line values win; --trust adds to the file's
 * list. The software token's password may come from MENHU_SIGNER_P12_PASSWORD instead of the command line,
 * where other users of the computer could see it in `ps`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSigner, DEFAULT_PORT } from './server';
import { softwareTokenProvider } from './token/software';
import type { TokenProvider } from './token/types';

const USAGE = `Usage:
  menhu-signer --module <pkcs11 module> [--trust <origin> ...] [--port 61161] [--config <file.json>]
  menhu-signer --software-token <file.p12> [--software-token-password <password>] [--trust <origin> ...]
Options:
  --module <path>                  the card's PKCS#11 module (HiCOS, OpenSC, SoftHSM2)
  --software-token <file.p12>      a PKCS#12 file instead of a card (demo; said so in every answer)
  --software-token-password <pw>   its password (or set MENHU_SIGNER_P12_PASSWORD)
  --trust <origin>                 a site allowed to sign, e.g. https://login.example.gov.tw (repeatable)
  --port <n>                       default ${DEFAULT_PORT}
  --config <file.json>             settings file; trusted sites added with /addDomain are saved in it
  --help
`;

interface FileConfig {
  module?: string;
  port?: number;
  trustedOrigins?: string[];
  softwareToken?: string;
}

async function readConfig(file: string): Promise<FileConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}; // created on the first /addDomain
    throw err;
  }
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: expected a JSON object`);
  const config = value as Record<string, unknown>;
  const out: FileConfig = {};
  if (config.module !== undefined) {
    if (typeof config.module !== 'string') throw new Error(`${file}: "module" must be a path`);
    out.module = config.module;
  }
  if (config.softwareToken !== undefined) {
    if (typeof config.softwareToken !== 'string') throw new Error(`${file}: "softwareToken" must be a path`);
    out.softwareToken = config.softwareToken;
  }
  if (config.port !== undefined) {
    if (!Number.isInteger(config.port)) throw new Error(`${file}: "port" must be a number`);
    out.port = config.port as number;
  }
  if (config.trustedOrigins !== undefined) {
    if (!Array.isArray(config.trustedOrigins) || !config.trustedOrigins.every((o) => typeof o === 'string')) throw new Error(`${file}: "trustedOrigins" must be a list of origins`);
    out.trustedOrigins = config.trustedOrigins as string[];
  }
  return out;
}

/** Starts the component and resolves when it stops (SIGINT/SIGTERM); returns the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv.slice(2),
      options: {
        module: { type: 'string' },
        'software-token': { type: 'string' },
        'software-token-password': { type: 'string' },
        trust: { type: 'string', multiple: true },
        port: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const config = args.config ? await readConfig(args.config) : {};
    const modulePath = args.module ?? config.module;
    const p12 = args['software-token'] ?? config.softwareToken;
    if (!modulePath === !p12) throw new Error('give exactly one of --module <pkcs11 module> or --software-token <file.p12>');
    const port = args.port !== undefined ? Number(args.port) : (config.port ?? DEFAULT_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port: "${args.port}" is not a port number`);
    const trustedOrigins = [...(config.trustedOrigins ?? []), ...(args.trust ?? [])];

    let token: TokenProvider;
    if (p12) {
      const password = args['software-token-password'] ?? env.MENHU_SIGNER_P12_PASSWORD;
      if (!password) throw new Error('the software token needs --software-token-password or MENHU_SIGNER_P12_PASSWORD');
      token = await softwareTokenProvider(p12, password);
    } else {
      // Loaded only when asked for, so the software token works without the native PKCS#11 binding.
      // Typed loosely on purpose: token/pkcs11.ts is written alongside this file and only its options shape
      // ({ module }) is relied on here.
      const pkcs11 = (await import('./token/pkcs11')) as unknown as { pkcs11TokenProvider?: (o: { module: string }) => TokenProvider | Promise<TokenProvider> };
      if (typeof pkcs11.pkcs11TokenProvider !== 'function') throw new Error('this build has no PKCS#11 support (token/pkcs11 is missing)');
      token = await pkcs11.pkcs11TokenProvider({ module: modulePath! });
    }

    const version = await packageVersion();
    const signer = await startSigner({
      token,
      trustedOrigins,
      port,
      version,
      ...(args.config ? { configFile: args.config } : {}),
      log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
    });
    process.stdout.write(
      `${version} listening on ${signer.hosts.join(', ')} port ${signer.port}${p12 ? ' — SOFTWARE TOKEN, not a card' : ''}\n` +
        `self-test: ${signer.url}/selfTest.htm\ntrusted: ${signer.trustedOrigins().join(', ') || '(none yet)'}\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await signer.close();
    await token.close();
    return 0;
  } catch (err) {
    process.stderr.write(`menhu-signer: ${(err as Error).message}\n`);
    return 1;
  }
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return `menhu-signer ${pkg.version ?? '0.0.0'}`;
}
