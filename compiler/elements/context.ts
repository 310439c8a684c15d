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

/**
 * The container an element is drawn in. What an element may be depends on it: only an event
 * subprocess starts on an error or an escalation, an embedded subprocess only with a none start.
 */
export type Scope = { kind: 'process' } | { kind: 'subProcess'; id: string } | { kind: 'eventSubProcess'; id: string };

export interface ElementContext extends TranslateContext {
  scope: Scope;
}
