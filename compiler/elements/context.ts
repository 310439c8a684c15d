import type { Report } from '../diagnostics';
import type { ModdleElement } from '../bpmn-xml';

/** What the compiler knows about an activity type from the catalog (plain data, no zod). */
export interface CatalogActivity {
  type: string;
  inputs: { name: string; required: boolean }[];
}

export interface TranslateContext {
  report: Report;
  catalog: ReadonlyMap<string, CatalogActivity>;
  /** `zeebe:userTaskForm` bodies of the process, by id. */
  embeddedForms: ReadonlyMap<string, ModdleElement>;
}
