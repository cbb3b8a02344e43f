import type { FileRegistry } from '@agenda-cheia/core';
import type { Logger } from '../logger';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Hourly: uploads never confirmed and files nothing points at are removed with their objects after a
 * day. Every instance may run it; each removal is conditional, so two instances never race.
 */
export function startFileCleanup(deps: {
  files: Pick<FileRegistry, 'removeUnusedFiles'>;
  log: Logger;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= deps.files
      .removeUnusedFiles()
      .then((removed) => {
        if (removed > 0) deps.log.info({ removed }, 'unused files removed');
      })
      .catch((error: unknown) => deps.log.warn({ err: error }, 'unused file cleanup failed; retrying later'))
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
