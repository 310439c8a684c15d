/**
 * `npm run infra`: only the embedded Temporal dev server and FerretDB, for developers who run
 * the worker and API themselves (`npm run worker`, `npm run api`) or point tests at them.
 */
import { profiles, provideInfrastructure } from './infra';
import { logger } from './log';

const log = logger('infra');

async function main(): Promise<void> {
  const infra = await provideInfrastructure(profiles.development, log);
  log(`TEMPORAL_ADDRESS=${infra.temporalAddress}`);
  log(`MONGODB_URI=${infra.mongodbUri}`);
  if (infra.temporalUiUrl) log(`Temporal UI: ${infra.temporalUiUrl}`);
  log('Press Ctrl-C to stop.');
  const stop = () => void infra.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`infra: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
