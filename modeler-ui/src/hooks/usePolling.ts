import { useEffect, useRef } from 'react';

/**
 * Calls `poll` now and then `intervalMs` after each call ends (never two at once), while `active`.
 * `poll` must handle its own errors.
 */
export function usePolling(poll: () => Promise<void>, intervalMs: number, active = true): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await latest.current();
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs, active]);
}
