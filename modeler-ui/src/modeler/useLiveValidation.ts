import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useEffect, useState } from 'react';
import { compile, type CatalogActivity, type Diagnostic } from '../../../compiler';

const DEBOUNCE_MS = 300;
const CHANGE_EVENTS = ['import.done', 'commandStack.changed'];

export interface Validation {
  /** True from a change until its diagnostics are known. */
  pending: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Runs the deploy-time compiler on the diagram after each change, so the modeler shows exactly
 * what the server would refuse. Waits for the catalog (undefined while it loads).
 */
export function useLiveValidation(modeler: Modeler | undefined, catalog: readonly CatalogActivity[] | undefined): Validation {
  const [validation, setValidation] = useState<Validation>({ pending: true, diagnostics: [] });

  useEffect(() => {
    if (!modeler || !catalog) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latestRun = 0;
    const validate = async () => {
      const run = ++latestRun;
      const { xml } = await modeler.saveXML();
      if (xml === undefined) return;
      const { diagnostics } = await compile(xml, { catalog });
      // A slower run must not overwrite the diagnostics of a newer diagram.
      if (run === latestRun) setValidation({ pending: false, diagnostics });
    };
    const schedule = () => {
      setValidation((previous) => (previous.pending ? previous : { ...previous, pending: true }));
      clearTimeout(timer);
      timer = setTimeout(() => void validate(), DEBOUNCE_MS);
    };
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on(CHANGE_EVENTS, schedule);
    schedule();
    return () => {
      latestRun += 1;
      clearTimeout(timer);
      eventBus.off(CHANGE_EVENTS, schedule);
    };
  }, [modeler, catalog]);

  return validation;
}
