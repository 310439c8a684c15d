/**
 * Deploy: compile the BPMN, refuse it with every diagnostic when it has errors, else store it
 * as the next version of its process, unless identical XML is already deployed.
 */
import { createHash } from 'node:crypto';
import { compile, hasErrors, type CompileOptions, type Diagnostic } from '../../compiler';
import { isDuplicateKeyError, ProcessVersionModel } from '../../platform/storage';
import { problems } from '../problems';
import { recordDeployment } from '../../platform/storage/process-summaries';
import type { TemporalSettings } from '../../platform/instances/start-version';
import { replaceTimerStarts } from './timer-starts';

export interface DeployResult {
  processKey: string;
  version: number;
  name: string | null;
  created: boolean;
  diagnostics: Diagnostic[];
}

const MAX_VERSION_RACE_RETRIES = 5;

/** What a deploy needs besides the diagram: the compiler's options, and Temporal for the timer start events' schedules. */
export interface DeploySettings {
  compileOptions: CompileOptions;
  temporal: TemporalSettings;
}

/** `message` says what changed and why; it is stored on the new version. */
export async function deployProcess(bpmnXml: string, deployedBy: string, settings: DeploySettings, message = ''): Promise<DeployResult> {
  const options = settings.compileOptions;
  const { graph, diagnostics } = await compile(bpmnXml, options);
  if (!graph || hasErrors(diagnostics)) throw problems.invalidDiagram(diagnostics);

  const xmlHash = createHash('sha256').update(bpmnXml).digest('hex');
  const name = graph.name ?? null;
  const existing = await ProcessVersionModel.findOne({ processKey: graph.processKey, xmlHash }, { version: 1, deployedBy: 1, deployedAt: 1 }).lean();
  if (existing) {
    // A deploy that stopped after writing its version left the summary behind: this one repairs it (it only moves forward).
    await recordDeployment({ processKey: graph.processKey, version: existing.version, name, deployedBy: existing.deployedBy, deployedAt: existing.deployedAt });
    return { processKey: graph.processKey, version: existing.version, name, created: false, diagnostics };
  }

  // Two deploys at once may pick the same number: the unique index refuses one, which retries.
  for (let attempt = 0; attempt < MAX_VERSION_RACE_RETRIES; attempt += 1) {
    const latest = await ProcessVersionModel.findOne({ processKey: graph.processKey }, { version: 1 }).sort({ version: -1 }).lean();
    const version = (latest?.version ?? 0) + 1;
    try {
      const deployedAt = new Date();
      await ProcessVersionModel.create({ processKey: graph.processKey, version, name, xmlHash, bpmnXml, graph, diagnostics, deployedBy, deployedAt, message });
      await recordDeployment({ processKey: graph.processKey, version, name, deployedBy, deployedAt });
      await replaceTimerStarts(settings.temporal, { processKey: graph.processKey, version, graph });
      return { processKey: graph.processKey, version, name, created: true, diagnostics };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw problems.conflict(`Process ${graph.processKey} is being deployed by someone else at the same moment. Deploy again.`);
}
