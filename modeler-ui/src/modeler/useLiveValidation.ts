import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { compile, type CatalogActivity, type Diagnostic } from '../../../compiler';
import { TIMING } from './timing';

/** Edits come in bursts (typing in the properties panel): validate once the burst pauses. */
const EDIT_DEBOUNCE_MS = 300;

export interface Validation {
  /** True from a change until its diagnostics are known. */
  pending: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Runs the deploy-time compiler on the diagram after each change, so the modeler shows exactly
 * what the server would refuse. An opened diagram is validated at once (the file as read), edits
 * after a short pause (the diagram written back to XML). Waits for the catalog (undefined while
 * it loads).
 */
export function useLiveValidation(modeler: Modeler | undefined, catalog: readonly CatalogActivity[] | undefined): Validation {
  const [validation, setValidation] = useState<Validation>({ pending: true, diagnostics: [] });

  useEffect(() => {
    if (!modeler || !catalog) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latestRun = 0;
    /** Compiles `imported` (the file just opened, as read) or else the diagram as it is now. */
    const validate = async (imported?: string) => {
      clearTimeout(timer);
      // Nothing imported yet: `import.done` will validate.
      if (!modeler.getDefinitions()) return;
      const run = ++latestRun;
      setValidation((previous) => (previous.pending ? previous : { ...previous, pending: true }));
      const serializing = performance.now();
      const xml = imported ?? (await modeler.saveXML()).xml;
      const compiling = performance.now();
      if (xml === undefined || run !== latestRun) return;
      const { diagnostics } = await compile(xml, { catalog });
      if (imported === undefined) performance.measure(TIMING.validationSerialize, { start: serializing, end: compiling });
      performance.measure(TIMING.validationCompile, { start: compiling, end: performance.now() });
      // A slower run must not overwrite the diagnostics of a newer diagram. Shown at once, not at
      // React's next convenient time: after an import, the drawing's first layout would come first.
      if (run === latestRun) flushSync(() => setValidation({ pending: false, diagnostics }));
    };
    const edited = (event: unknown) => {
      // `clear` is the command stack emptied by an import, which `import.done` validates.
      if ((event as { trigger?: string }).trigger === 'clear') return;
      setValidation((previous) => (previous.pending ? previous : { ...previous, pending: true }));
      clearTimeout(timer);
      timer = setTimeout(() => void validate(), EDIT_DEBOUNCE_MS);
    };
    // An opened file is compiled as read (what bpmn-js was given), which saves writing it back.
    let importedXml: string | undefined;
    const parsing = (event: unknown) => {
      importedXml = (event as { xml: string }).xml;
    };
    const imported = (event: unknown) => {
      const xml = (event as { error?: unknown }).error ? undefined : importedXml;
      importedXml = undefined;
      void validate(xml);
    };
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('commandStack.changed', edited);
    eventBus.on('import.parse.start', parsing);
    eventBus.on('import.done', imported);
    // The diagram already shown (or the empty canvas, before the first import).
    void validate();
    return () => {
      latestRun += 1;
      clearTimeout(timer);
      eventBus.off('commandStack.changed', edited);
      eventBus.off('import.parse.start', parsing);
      eventBus.off('import.done', imported);
    };
  }, [modeler, catalog]);

  return validation;
}
