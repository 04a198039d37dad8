#!/usr/bin/env node
// The local signing component (`npx menhu-signer …`). TypeScript is loaded through tsx, as the server's CLI does.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv);
