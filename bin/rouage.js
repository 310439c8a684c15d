#!/usr/bin/env node
// `npx rouage ...` inside the repository: runs the TypeScript CLI through tsx.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '..', 'cli', 'rouage.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
