/** Client-side routing on the History API: the pages are few, a router library would outweigh them. */
import { useSyncExternalStore } from 'react';

const NAVIGATED = 'rouage:navigated';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

// A string snapshot: useSyncExternalStore compares snapshots by identity.
const snapshot = () => window.location.pathname + window.location.search;

export function useLocation(): URL {
  const current = useSyncExternalStore(subscribe, snapshot);
  return new URL(current, window.location.origin);
}
