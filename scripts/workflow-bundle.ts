/** Bundles the interpreter workflow once, to a file a worker can load without bundling. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowsPath } from '../worker/create-worker';

export async function writeWorkflowBundle(file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  writeWorkflowBundle(file).then(
    () => console.log(`workflow bundle written to ${file}; set ROUAGE_WORKFLOW_BUNDLE=${file} for the worker`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
