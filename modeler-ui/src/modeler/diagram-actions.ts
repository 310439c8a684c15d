/** What the modeler page does to the diagram through bpmn-js services. */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';

/** Imports the diagram at 100 %, as drawn, unless part of it would be out of view: then it is fitted to the view. */
export async function showDiagram(modeler: Modeler, xml: string): Promise<void> {
  await modeler.importXML(xml);
  const canvas = modeler.get<Canvas>('canvas');
  const { inner, outer } = canvas.viewbox();
  const outOfView = inner.x < 0 || inner.y < 0 || inner.x + inner.width > outer.width || inner.y + inner.height > outer.height;
  if (outOfView) canvas.zoom('fit-viewport');
}

export function selectElement(modeler: Modeler, elementId: string): void {
  const element = modeler.get<ElementRegistry>('elementRegistry').get(elementId);
  if (!element) return;
  modeler.get<Selection>('selection').select(element);
  // The process is the canvas root: selecting it shows its properties, there is nothing to scroll to.
  if (element.parent) modeler.get<Canvas>('canvas').scrollToElement(element);
}

/** Downloads the diagram as `<process id>.bpmn`. */
export async function downloadDiagram(modeler: Modeler): Promise<void> {
  const { xml } = await modeler.saveXML({ format: true });
  if (xml === undefined) return;
  const rootElements: { $type: string; id: string }[] = modeler.getDefinitions()?.rootElements ?? [];
  const processId = rootElements.find((element) => element.$type === 'bpmn:Process')?.id ?? 'diagramme';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  link.download = `${processId}.bpmn`;
  link.click();
  URL.revokeObjectURL(link.href);
}
