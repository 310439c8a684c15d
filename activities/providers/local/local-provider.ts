/**
 * The embedded provider: runs in the worker's process, needs no network and no model
 * download, and is deterministic. Honest about what it is: `provider: local`. It has no
 * language model; activities use the functions of this folder instead.
 */
import type { AiProvider } from '../provider';

export const LOCAL_MODEL = 'rouage-local-1';

export function createLocalProvider(): AiProvider {
  return { id: 'local', location: 'on-premise', model: LOCAL_MODEL };
}
