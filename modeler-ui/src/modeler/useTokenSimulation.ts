import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useCallback, useEffect, useState } from 'react';

interface ToggleMode {
  toggleMode(active?: boolean): void;
}

/**
 * Token simulation (bpmn-js-token-simulation): walks the diagram with tokens, without running
 * anything. While it is on, the diagram cannot be edited. Toggled from the page's toolbar, whose
 * button says whether it is on (the module's own switch, a mouse-only div, is hidden).
 */
export function useTokenSimulation(modeler: Modeler | undefined) {
  const [active, setActive] = useState(false);

  useEffect(() => {
    if (!modeler) return;
    const eventBus = modeler.get<EventBus>('eventBus');
    const toggled = (event: unknown) => setActive((event as { active: boolean }).active);
    eventBus.on('tokenSimulation.toggleMode', toggled);
    return () => eventBus.off('tokenSimulation.toggleMode', toggled);
  }, [modeler]);

  const toggle = useCallback(() => modeler?.get<ToggleMode>('toggleMode').toggleMode(), [modeler]);
  return { active, toggle };
}
