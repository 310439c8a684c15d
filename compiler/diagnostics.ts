/** What the compiler says about a diagram: each diagnostic names the element and the fix. */

export type Severity = 'error' | 'warning';

export interface LocalizedText {
  fr: string;
  en: string;
}

export interface Diagnostic {
  /** Stable id of the rule that found the problem (also the rule's file name). */
  ruleId: string;
  severity: Severity;
  /** BPMN id of the element concerned, when there is one. */
  elementId?: string;
  /** Position in the XML, for problems found while reading it. */
  line?: number;
  column?: number;
  message: LocalizedText;
  /** What to change in the diagram. */
  hint: LocalizedText;
}

export type Report = (diagnostic: Omit<Diagnostic, 'severity'> & { severity?: Severity }) => void;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Collects diagnostics; severity defaults to error. */
export function createCollector(): { diagnostics: Diagnostic[]; report: Report } {
  const diagnostics: Diagnostic[] = [];
  return {
    diagnostics,
    report: (d) => diagnostics.push({ ...d, severity: d.severity ?? 'error' }),
  };
}
