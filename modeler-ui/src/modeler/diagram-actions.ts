/** What the modeler page does to the diagram through bpmn-js services. */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { processIdOf } from './process-id';

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

const fileNameOf = (modeler: Modeler) => processIdOf(modeler) ?? 'diagramme';

export function download(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Downloads the diagram as `<process id>.bpmn`. */
export async function downloadDiagram(modeler: Modeler): Promise<void> {
  const { xml } = await modeler.saveXML({ format: true });
  if (xml === undefined) return;
  download(new Blob([xml], { type: 'application/xml' }), `${fileNameOf(modeler)}.bpmn`);
}

/** Downloads the drawing as `<process id>.svg`, for documentation. */
export async function downloadSvg(modeler: Modeler): Promise<void> {
  const { svg } = await modeler.saveSVG();
  download(new Blob([svg], { type: 'image/svg+xml' }), `${fileNameOf(modeler)}.svg`);
}

const PNG_SCALE = 2;
/** Browsers refuse larger canvases: a very large diagram is drawn smaller rather than not at all. */
const MAX_CANVAS_SIDE = 16_384;

/** Draws the SVG onto a canvas at twice its size, on a white background (the SVG's is transparent). */
export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const factor = Math.min(scale, MAX_CANVAS_SIDE / Math.max(image.naturalWidth, image.naturalHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * factor);
    canvas.height = Math.ceil(image.naturalHeight * factor);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('Canvas 2D is not available');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the drawing as `<process id>.png`, at twice the diagram's size so it stays sharp. */
export async function downloadPng(modeler: Modeler): Promise<void> {
  const { svg } = await modeler.saveSVG();
  download(await svgToPng(svg), `${fileNameOf(modeler)}.png`);
}
