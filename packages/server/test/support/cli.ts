/** Running the operator CLI in tests as an operator would: a real process, only the given variables set. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const MENHU_BIN = fileURLToPath(new URL('../../bin/menhu.js', import.meta.url));

const run = promisify(execFile);

/** Runs `menhu …` with only the given variables set besides PATH and HOME; never throws for a non-zero exit. */
export async function menhu(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MENHU_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
