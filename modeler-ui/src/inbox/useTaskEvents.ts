import { useEffect, useRef, useState } from 'react';
import type { TaskChange } from '../api';

/**
 * Subscribes to `GET /api/v1/tasks/events` (Server-Sent Events, session cookie) and calls
 * `onChange` for each task change the server streams. Returns whether the stream is connected;
 * EventSource reconnects by itself after a drop.
 */
export function useTaskEvents(onChange: (change: TaskChange) => void): boolean {
  const latest = useRef(onChange);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const source = new EventSource('/api/v1/tasks/events', { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('task', (event) => {
      try {
        latest.current(JSON.parse((event as MessageEvent<string>).data) as TaskChange);
      } catch {
        // a frame that is not a change: ignored
      }
    });
    return () => source.close();
  }, []);
  return connected;
}
