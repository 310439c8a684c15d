import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useEffect, useState } from 'react';
import { api, type ElementTemplate } from '../api';

interface ElementTemplatesLoader {
  setTemplates(templates: ElementTemplate[]): void;
}

export interface ElementTemplatesState {
  /** Undefined while loading. */
  templates?: ElementTemplate[];
  failed: boolean;
}

/**
 * Loads the AI activities' element templates from the API and gives them to the modeler: they
 * appear in the palette's "create" menu and the context pad's "append" menu (group « IA Rouage »),
 * and a task made from one shows its input fields in the properties panel.
 */
export function useElementTemplates(modeler: Modeler | undefined): ElementTemplatesState {
  const [state, setState] = useState<ElementTemplatesState>({ failed: false });

  useEffect(() => {
    let current = true;
    api.elementTemplates().then(
      (templates) => current && setState({ templates, failed: false }),
      () => current && setState({ templates: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!modeler || !state.templates) return;
    const eventBus = modeler.get<EventBus>('eventBus');
    // The server validates its templates; a refusal here means a client/server version mismatch.
    const report = (event: unknown) => console.error('Element templates refused by the modeler:', (event as { errors: Error[] }).errors);
    eventBus.on('elementTemplates.errors', report);
    modeler.get<ElementTemplatesLoader>('elementTemplatesLoader').setTemplates(state.templates);
    return () => eventBus.off('elementTemplates.errors', report);
  }, [modeler, state.templates]);

  return state;
}
