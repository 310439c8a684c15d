/**
 * A read-only BPMN viewer (Zeebe extensions known) for a diagram shown, not edited: the version
 * diff and the instance page. `load` imports the diagram; `onReady` runs once it is shown,
 * `onError` if it could not be. An import still running when the diagram goes away fails on
 * the destroyed canvas: that is not reported. Returns the cleanup for the caller's effect.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

export function openReadOnlyViewer<T>(
  container: HTMLElement,
  load: (viewer: NavigatedViewer) => Promise<T>,
  onReady: (viewer: NavigatedViewer, loaded: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const viewer = new NavigatedViewer({ container, moddleExtensions: { zeebe: zeebeModdle } });
  let current = true;
  load(viewer).then(
    (loaded) => current && onReady(viewer, loaded),
    (error: unknown) => current && onError(error),
  );
  return () => {
    current = false;
    viewer.destroy();
  };
}
