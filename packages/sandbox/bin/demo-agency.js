#!/usr/bin/env node
// `npm run sandbox`: the demo agency (示範機關). TypeScript is loaded through tsx, with this package's tsconfig
// so that the TSX pages compile the same from any folder.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/agency/main.ts');
process.exitCode = await main(process.env);
