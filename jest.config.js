// Tests run against the real Temporal dev server and FerretDB, which the global setup starts
// (or reuses when TEMPORAL_ADDRESS / MONGODB_URI point at running servers).
const fs = require('node:fs');
const path = require('node:path');

/**
 * Several dependencies (bpmn-moddle, feelin and theirs) ship ES modules only, which jest's
 * CommonJS runtime cannot load: swc transpiles every package that declares "type": "module".
 */
function esmOnlyPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const candidates = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of candidates) {
      try {
        if (JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8')).type === 'module') names.push(name);
      } catch {
        // not a package
      }
    }
  }
  return names.map((n) => n.replace(/[.+]/g, '\\$&'));
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages().join('|')})/)`],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
