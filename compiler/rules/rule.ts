import type { AiPolicy } from '../ai-policy';
import type { Report } from '../diagnostics';
import type { CatalogActivity } from '../elements';
import type { ProcessGraph } from '../graph';

export interface RuleContext {
  graph: ProcessGraph;
  catalog: ReadonlyMap<string, CatalogActivity>;
  /** When true, service tasks outside the catalog are errors instead of warnings. */
  strictTaskTypes: boolean;
  aiPolicy: AiPolicy;
  report: Report;
}

/** One check over the graph; its file is named after `id`. */
export interface Rule {
  id: string;
  check(context: RuleContext): void;
}
