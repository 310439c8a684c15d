import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect, useRef, useState } from 'react';
import { openReadOnlyViewer } from '../components/read-only-viewer';
import { t } from '../i18n';
import type { ChangeKind } from './version-diff';

interface DiffDiagramProps {
  xml: string;
  /** The diagram's caption (« Version 1 (avant) »). */
  label: string;
  /** The changes to show on this diagram, by element id. */
  changes: ReadonlyMap<string, ChangeKind>;
  /** The element to bring into view and outline. */
  focusId?: string;
  onImported: (definitions: object) => void;
}

const SYMBOL: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~', layout: '↔' };

/**
 * One version of the diagram, read-only (pan and zoom), its changed elements marked: a colour
 * (CSS marker class `diff-<kind>`) and, so colour is not the only cue, a badge with a symbol
 * and the kind's name as its tooltip.
 */
export function DiffDiagram({ xml, label, changes, focusId, onImported }: DiffDiagramProps) {
  const container = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<NavigatedViewer>();
  const [failed, setFailed] = useState(false);
  const imported = useRef(onImported);
  imported.current = onImported;

  useEffect(() => {
    if (!viewer) return;
    const canvas = viewer.get<Canvas>('canvas');
    const overlays = viewer.get<Overlays>('overlays');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const marked: [string, string][] = [];
    for (const [id, kind] of changes) {
      const element = registry.get(id);
      if (!element?.parent) continue;
      canvas.addMarker(id, `diff-${kind}`);
      marked.push([id, `diff-${kind}`]);
      const badge = document.createElement('span');
      badge.className = `diff-badge diff-badge--${kind}`;
      badge.textContent = SYMBOL[kind];
      badge.title = t.diff.kinds[kind];
      overlays.add(id, 'rouage-diff', { position: { top: -12, left: -12 }, html: badge });
    }
    return () => {
      for (const [id, marker] of marked) canvas.removeMarker(id, marker);
      overlays.remove({ type: 'rouage-diff' });
    };
  }, [viewer, changes]);

  useEffect(() => {
    if (!viewer || !focusId) return;
    const element = viewer.get<ElementRegistry>('elementRegistry').get(focusId);
    if (!element?.parent) return;
    const canvas = viewer.get<Canvas>('canvas');
    canvas.addMarker(focusId, 'diff-focus');
    canvas.scrollToElement(element);
    return () => canvas.removeMarker(focusId, 'diff-focus');
  }, [viewer, focusId]);

  // Last: on unmount, effects are cleaned up in order, so the markers go before the viewer is destroyed.
  useEffect(() => {
    setFailed(false);
    const close = openReadOnlyViewer(
      container.current!,
      (instance) => instance.importXML(xml),
      (instance) => {
        instance.get<Canvas>('canvas').zoom('fit-viewport');
        setViewer(instance);
        imported.current(instance.getDefinitions() as object);
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
    <figure className="diff-diagram">
      <figcaption className="fr-text--bold">{label}</figcaption>
      {failed && <p className="fr-error-text">{t.monitor.diagramFailed}</p>}
      <div ref={container} className="diff-diagram__canvas" />
    </figure>
  );
}
