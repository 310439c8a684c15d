/** Development only: deploys the example diagrams of `examples/` so the demo has processes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deployProcess, type DeploySettings } from './processes/deploy-process';

export const examplesDir = path.resolve(__dirname, '..', 'examples');

export async function deployExamples(settings: DeploySettings): Promise<void> {
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.bpmn'))) {
    try {
      const result = await deployProcess(readFileSync(path.join(examplesDir, file), 'utf8'), 'owner', settings);
      if (result.created) console.log(`api: deployed example ${file} as ${result.processKey} v${result.version}`);
    } catch (error) {
      console.error(`api: example ${file} could not be deployed: ${(error as Error).message}`);
    }
  }
}
