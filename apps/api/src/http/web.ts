import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built web app. Hashed assets are cached for a year; index.html never, so a new
 * release is picked up at once. Unknown paths outside /api and /trpc get index.html (client routing).
 */
export function webAppRouter(distDir: string): Router | undefined {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const routes = express.Router();
  routes.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  routes.use(express.static(distDir, { index: false, maxAge: '1h' }));
  routes.get(/^\/(?!api\/|api$|trpc\/|trpc$).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return routes;
}
