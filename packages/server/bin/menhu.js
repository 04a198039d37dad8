#!/usr/bin/env node
// The operator CLI (`npx menhu …`) and the server (`npm start` runs `menhu serve`). TypeScript is loaded
// through tsx, with this package's tsconfig so that the TSX views compile the same from any folder.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
