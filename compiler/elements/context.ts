import type { Report } from '../diagnostics';
import type { DataClassification } from '../ai-policy';
import type { ModdleElement } from '../bpmn-xml';

/** What the compiler knows about an activity type from the catalog (plain data, no zod). */
export interface CatalogActivity {
  type: string;
  inputs: { name: string; required: boolean }[];
  /** The most sensitive data the activity may receive (default: sensitive). */
  acceptsClassification?: DataClassification;
  /** Runs on the local provider whatever the process says (e.g. pseudonymisation). */
  localOnly?: boolean;
}

export interface TranslateContext {
  report: Report;
  catalog: ReadonlyMap<string, CatalogActivity>;
  /** `zeebe:userTaskForm` bodies of the process, by id. */
  embeddedForms: ReadonlyMap<string, ModdleElement>;
}
