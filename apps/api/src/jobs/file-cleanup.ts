import type { FileRegistry } from '@agenda-cheia/core';
import type { Logger } from '../logger';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Hourly: uploads signed but never confirmed for a day are removed with their objects. Every instance
 * may run it; each removal is conditional, so two instances never remove a file twice or a confirmed one.
 */
export function startFileCleanup(deps: {
  files: Pick<FileRegistry, 'removeStaleUploads'>;
  log: Logger;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= deps.files
      .removeStaleUploads()
      .then((removed) => {
        if (removed > 0) deps.log.info({ removed }, 'stale uploads removed');
      })
      .catch((error: unknown) => deps.log.warn({ err: error }, 'stale upload cleanup failed; retrying later'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(sweep, deps.intervalMs ?? CLEANUP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
