import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import { useEffect, useRef, useState } from 'react';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';

/** A bpmn-js modeler for Camunda 8 (Zeebe) diagrams, with its properties panel, living as long as the component. */
export function useBpmnModeler() {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<Modeler>();

  useEffect(() => {
    const instance = new Modeler({
      container: canvasRef.current!,
      propertiesPanel: { parent: panelRef.current! },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule],
      moddleExtensions: { zeebe: zeebeModdle },
    });
    setModeler(instance);
    return () => {
      setModeler(undefined);
      instance.destroy();
    };
  }, []);

  return { modeler, canvasRef, panelRef };
}
