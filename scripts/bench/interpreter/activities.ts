/**
 * The bench's only activity, served to both variants: no I/O, a small object back, so the
 * figures measure orchestration. Its argument is what the interpreter gives every service task.
 */
import type { ServiceTaskRequest, ServiceTaskResult } from '../../../activities/contracts';

export const BENCH_STEP = 'bench.step';

export interface BenchStepResult extends ServiceTaskResult {
  ok: boolean;
  step: string;
}

/** What the compiler must know of it, so its service tasks run on the workflow's own task queue. */
export const benchCatalog = [{ type: BENCH_STEP, inputs: [] }];

export const benchActivities = {
  async [BENCH_STEP](request: ServiceTaskRequest): Promise<BenchStepResult> {
    return { ok: true, step: request.headers.step ?? '?' };
  },
};
