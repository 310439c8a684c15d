/**
 * Performance marks of the modeler page (User Timing API), read by `npm run bench:modeler` and
 * visible in the browser's performance tools:
 * - `rouage:open` (measure): from asking to open a diagram to its drawing painted;
 * - `rouage:first-validation` (measure): from the import's end to the diagnostics list showing
 *   the diagram's first validation result;
 * - `rouage:validation-serialize` and `rouage:validation-compile` (measures): the two parts of
 *   each validation.
 */
export const TIMING = {
  openStart: 'rouage:open-start',
  importDone: 'rouage:import-done',
  diagramShown: 'rouage:diagram-shown',
  validationShown: 'rouage:validation-shown',
  open: 'rouage:open',
  firstValidation: 'rouage:first-validation',
  /** Each validation's parts: writing the diagram's XML, compiling it. */
  validationSerialize: 'rouage:validation-serialize',
  validationCompile: 'rouage:validation-compile',
} as const;

let awaitingFirstValidation = false;

export function markOpenStart(): void {
  performance.mark(TIMING.openStart);
}

export function markImportDone(): void {
  performance.mark(TIMING.importDone);
  awaitingFirstValidation = true;
}

/** Resolves once the browser has painted the current DOM (the frame after the next one began). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export async function markDiagramShown(): Promise<void> {
  await afterPaint();
  performance.mark(TIMING.diagramShown);
  if (performance.getEntriesByName(TIMING.openStart, 'mark').length > 0) performance.measure(TIMING.open, TIMING.openStart, TIMING.diagramShown);
}

/** Called when a validation result is on screen; only the first one after an import is measured. */
export function markValidationShown(): void {
  if (!awaitingFirstValidation) return;
  awaitingFirstValidation = false;
  performance.mark(TIMING.validationShown);
  performance.measure(TIMING.firstValidation, TIMING.importDone, TIMING.validationShown);
}
