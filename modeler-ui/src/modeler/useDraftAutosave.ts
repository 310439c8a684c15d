import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useEffect, useState } from 'react';
import { writeDraft } from './draft-storage';

const SAVE_DELAY_MS = 500;

/**
 * Saves the diagram as the user's draft shortly after each edit (and undo/redo); importing a
 * diagram is not an edit. Returns false once the browser refused to store it.
 */
export function useDraftAutosave(modeler: Modeler | undefined, username: string, origin: string): boolean {
  const [stored, setStored] = useState(true);

  useEffect(() => {
    if (!modeler) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = async () => {
      timer = undefined;
      try {
        const { xml } = await modeler.saveXML({ format: true });
        if (xml !== undefined) setStored(writeDraft(username, { xml, savedAt: new Date().toISOString(), origin }));
      } catch {
        // The modeler was destroyed (page left) before the pending save: the last save stands.
      }
    };
    const changed = (event: unknown) => {
      // `clear` is the command stack emptied by an import.
      if ((event as { trigger?: string }).trigger === 'clear') return;
      clearTimeout(timer);
      timer = setTimeout(() => void save(), SAVE_DELAY_MS);
    };
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      void save();
    };
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('commandStack.changed', changed);
    // A reload right after an edit: the pending save is done at once (serialising is synchronous).
    window.addEventListener('pagehide', flush);
    return () => {
      eventBus.off('commandStack.changed', changed);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [modeler, username, origin]);

  return stored;
}
