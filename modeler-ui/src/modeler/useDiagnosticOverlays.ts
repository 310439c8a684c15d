import type Modeler from 'bpmn-js/lib/Modeler';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect } from 'react';
import type { Diagnostic, Severity } from '../../../compiler';
import { localized, t } from '../i18n';

const OVERLAY_TYPE = 'rouage-diagnostic';
const MARKER_RADIUS = 10;

interface Point {
  x: number;
  y: number;
}

/** A red (error) or orange (warning) mark on the element, its messages as a tooltip. */
function marker(severity: Severity, diagnostics: Diagnostic[]): HTMLElement {
  const mark = document.createElement('span');
  mark.className = `diagnostic-marker diagnostic-marker--${severity}`;
  mark.textContent = severity === 'error' ? '!' : '?';
  mark.title = diagnostics.map((d) => `${t.diagnostics.severity[d.severity]} : ${localized(d.message)}`).join('\n');
  return mark;
}

/**
 * Where the mark goes, relative to the element's box: the top-right corner of a shape, the
 * middle of a sequence flow's middle segment (a flow's box corners are often off the line).
 */
function markerPosition(points: Point[] | undefined) {
  if (!points || points.length < 2) return { top: -MARKER_RADIUS, right: MARKER_RADIUS };
  const segment = Math.floor((points.length - 2) / 2);
  const [from, to] = [points[segment]!, points[segment + 1]!];
  // A flow's box is the box of its waypoints.
  const left = Math.min(...points.map((p) => p.x));
  const top = Math.min(...points.map((p) => p.y));
  return { left: (from.x + to.x) / 2 - left - MARKER_RADIUS, top: (from.y + to.y) / 2 - top - MARKER_RADIUS };
}

export function useDiagnosticOverlays(modeler: Modeler | undefined, diagnostics: readonly Diagnostic[]): void {
  useEffect(() => {
    if (!modeler) return;
    const overlays = modeler.get<Overlays>('overlays');
    const registry = modeler.get<ElementRegistry>('elementRegistry');
    const byElement = Map.groupBy(
      diagnostics.filter((d) => d.elementId !== undefined),
      (d) => d.elementId!,
    );
    for (const [elementId, found] of byElement) {
      const element = registry.get(elementId);
      // The process itself is the canvas root: it has no shape to mark.
      if (!element?.parent) continue;
      const severity = found.some((d) => d.severity === 'error') ? 'error' : 'warning';
      overlays.add(elementId, OVERLAY_TYPE, { position: markerPosition((element as { waypoints?: Point[] }).waypoints), html: marker(severity, found) });
    }
    return () => overlays.remove({ type: OVERLAY_TYPE });
  }, [modeler, diagnostics]);
}
