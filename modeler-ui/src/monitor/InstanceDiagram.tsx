import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect, useRef, useState } from 'react';
import { openReadOnlyViewer } from '../components/read-only-viewer';
import { t } from '../i18n';
import { layOutIfMissing, type Moddle, type SemanticElement } from './auto-layout';
import type { ElementMarks } from './instance-marks';

interface ParsingModdle extends Moddle {
  fromXML(xml: string, type: string): Promise<{ rootElement: SemanticElement }>;
}

const OVERLAY = 'rouage-monitor';

/**
 * The instance's version, read-only (pan and zoom), with its state on the elements: passed ones
 * outlined with their passage count, current ones highlighted with what they wait for, those in
 * incident in red with the reason. Colour is never the only cue: each mark carries its text.
 */
export function InstanceDiagram({ xml, marks }: { xml: string; marks: ElementMarks }) {
  const container = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<NavigatedViewer>();
  const [laidOut, setLaidOut] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!viewer) return;
    const canvas = viewer.get<Canvas>('canvas');
    const overlays = viewer.get<Overlays>('overlays');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const markers: [string, string][] = [];
    const mark = (id: string, marker: string) => {
      canvas.addMarker(id, marker);
      markers.push([id, marker]);
    };
    const note = (id: string, className: string, lines: string[], position: { top?: number; bottom?: number; left?: number; right?: number }) => {
      const html = document.createElement('div');
      html.className = `monitor-note ${className}`;
      for (const line of lines) html.appendChild(document.createElement('div')).textContent = line;
      overlays.add(id, OVERLAY, { position, html });
    };
    const shown = (id: string) => Boolean(registry.get(id)?.parent);

    for (const id of marks.taken) if (shown(id)) mark(id, 'monitor-taken');
    for (const [id, count] of marks.passed) {
      if (!shown(id)) continue;
      mark(id, 'monitor-passed');
      const badge = document.createElement('span');
      badge.className = 'monitor-count';
      badge.textContent = `×${count}`;
      badge.title = t.monitor.passedCount(count);
      overlays.add(id, OVERLAY, { position: { top: -10, right: 10 }, html: badge });
    }
    for (const [id, lines] of marks.active) {
      if (!shown(id) || marks.incidents.has(id)) continue;
      mark(id, 'monitor-active');
      note(id, 'monitor-note--active', lines, { bottom: -8, left: -10 });
    }
    for (const [id, reasons] of marks.incidents) {
      if (!shown(id)) continue;
      mark(id, 'monitor-incident');
      note(id, 'monitor-note--incident', [...reasons.map(t.monitor.incidentOverlay), ...(marks.active.get(id) ?? [])], { bottom: -8, left: -10 });
    }
    return () => {
      for (const [id, marker] of markers) canvas.removeMarker(id, marker);
      overlays.remove({ type: OVERLAY });
    };
  }, [viewer, marks]);

  // Last: on unmount, effects are cleaned up in order, so the marks go before the viewer is destroyed.
  useEffect(() => {
    const close = openReadOnlyViewer(
      container.current!,
      async (instance) => {
        const moddle = instance.get<ParsingModdle>('moddle');
        const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
        const computed = layOutIfMissing(rootElement, moddle);
        await instance.importDefinitions(rootElement);
        return computed;
      },
      (instance, computed) => {
        // With a centre given (any point: it is only a flag), diagram-js centres a diagram smaller than the viewport.
        instance.get<Canvas>('canvas').zoom('fit-viewport', { x: 0, y: 0 });
        setLaidOut(computed);
        setViewer(instance);
      },
      (error) => {
        console.error(error);
        setFailed(true);
      },
    );
    return () => {
      setViewer(undefined);
      close();
    };
  }, [xml]);

  return (
    <figure className="monitor-diagram fr-mb-2w">
      <figcaption className="fr-hint-text">
        {t.monitor.diagramHint}
        {laidOut && ` ${t.monitor.diagramLaidOut}`}
      </figcaption>
      {failed && <p className="fr-error-text">{t.monitor.diagramFailed}</p>}
      <div ref={container} className="monitor-diagram__canvas" data-testid="instance-diagram" />
    </figure>
  );
}
