import type { Infrastructure } from '../../scripts/infra';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __ROUAGE_INFRA__?: Infrastructure }).__ROUAGE_INFRA__?.stop();
}
