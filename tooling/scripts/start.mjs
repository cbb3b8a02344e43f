// `npm start`: install, build (cached by Turborepo), then serve API + web on one port.
// Migrations and the first-run demo seed happen inside the API at start.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkNode, fail, install, root, say, turbo } from './bootstrap.mjs';

checkNode();
install();
say('Building (cached after the first time)…');
if (
  turbo([
    'run',
    'build',
    '--filter=@agenda-cheia/api',
    '--filter=@agenda-cheia/web',
    '--output-logs=errors-only',
  ]) !== 0
) {
  fail('The build failed (see above).');
}
process.chdir(root);
// The pinned AWS SDK runs on Node 20; its start-up notice concerns releases after January 2027.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import(pathToFileURL(path.join(root, 'apps/api/dist/main.js')).href);
