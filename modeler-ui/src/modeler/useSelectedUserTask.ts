import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type { Element } from 'bpmn-js/lib/model/Types';
import { useEffect, useState } from 'react';
import { isUserTask } from './embedded-form';

/** The user task selected alone on the canvas, whose form the form editor can open. */
export function useSelectedUserTask(modeler: Modeler | undefined): Element | undefined {
  const [task, setTask] = useState<Element>();
  useEffect(() => {
    if (!modeler) return;
    const eventBus = modeler.get<EventBus>('eventBus');
    const changed = (event: unknown) => {
      const selected = (event as { newSelection: Element[] }).newSelection;
      setTask(selected.length === 1 && isUserTask(selected[0]) ? selected[0] : undefined);
    };
    eventBus.on('selection.changed', changed);
    return () => eventBus.off('selection.changed', changed);
  }, [modeler]);
  return task;
}
