/**
 * Before any test: the real Temporal dev server and FerretDB (started here unless
 * TEMPORAL_ADDRESS / MONGODB_URI point at running ones) and the workflow bundle, built once.
 * (Browser tests build the web app themselves, with `ensureWebApp`.)
 */
import path from 'node:path';
import { profiles, provideInfrastructure } from '../../scripts/infra';
import { logger } from '../../scripts/log';
import { writeWorkflowBundle } from '../../scripts/workflow-bundle';

const log = logger('tests');

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  console.log('');
  const infra = await provideInfrastructure(profiles.test, log);
  (globalThis as { __ROUAGE_INFRA__?: typeof infra }).__ROUAGE_INFRA__ = infra;
  process.env.ROUAGE_TEST_TEMPORAL_ADDRESS = infra.temporalAddress;
  process.env.ROUAGE_TEST_MONGODB_URI = infra.mongodbUri;
  log('Bundling the interpreter workflow...');
  process.env.ROUAGE_TEST_WORKFLOW_BUNDLE = await writeWorkflowBundle(path.join(profiles.test.dataDir, 'workflow-bundle.js'));
  log(`Test infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
