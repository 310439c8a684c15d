import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import { CreateAppendAnythingModule, CreateAppendElementTemplatesModule } from 'bpmn-js-create-append-anything';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import Modeler from 'bpmn-js/lib/Modeler';
import TokenSimulationModule from 'bpmn-js-token-simulation/lib/modeler';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import { useEffect, useRef, useState } from 'react';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import { locale } from '../i18n';
import { templateChooserModule } from './template-chooser';
import { markImportDone } from './timing';
import { frenchTranslateModule } from './translate';

/**
 * A bpmn-js modeler for Camunda 8 (Zeebe) diagrams, living as long as the component: the Zeebe
 * properties panel, Camunda 8 element templates (the AI activities, set with `setElementTemplates`)
 * the "create / append anything" menus, which offer those templates from the palette and
 * the context pad, and token simulation (toggled from the page's toolbar). French labels when
 * the app is in French; bpmn-js speaks English itself.
 */
export function useBpmnModeler() {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<Modeler>();

  useEffect(() => {
    const instance = new Modeler({
      container: canvasRef.current!,
      propertiesPanel: { parent: panelRef.current! },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        ZeebePropertiesProviderModule,
        ZeebeBehaviorsModule,
        CloudElementTemplatesPropertiesProviderModule,
        CreateAppendAnythingModule,
        CreateAppendElementTemplatesModule,
        templateChooserModule,
        TokenSimulationModule,
        ...(locale === 'fr' ? [frenchTranslateModule] : []),
      ],
      moddleExtensions: { zeebe: zeebeModdle },
    });
    // Registered first, so the mark precedes the validation that `import.done` starts.
    instance.on('import.done', markImportDone);
    setModeler(instance);
    return () => {
      setModeler(undefined);
      instance.destroy();
    };
  }, []);

  return { modeler, canvasRef, panelRef };
}
