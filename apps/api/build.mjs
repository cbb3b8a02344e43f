// Bundles the API and the workspace packages it uses (TypeScript sources) into dist/main.js.
// Third-party dependencies stay external (bcrypt is native, PGlite loads its WASM from its package):
// each is imported by its resolved file, relative to dist/, because pnpm's strict layout does not let
// the API resolve its packages' own dependencies by name.
import path from 'node:path';
import { build } from 'esbuild';

const workspacePrefix = '@agenda-cheia/';
const outdir = path.resolve('dist');

await build({
  entryPoints: ['src/main.ts', 'src/cli/migrate.ts'],
  outdir,
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalize-third-party',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, async (args) => {
          if (args.pluginData?.resolving || args.path.startsWith(workspacePrefix)) return undefined;
          if (args.path.startsWith('node:')) return { path: args.path, external: true };
          const resolved = await b.resolve(args.path, {
            resolveDir: args.resolveDir,
            kind: args.kind,
            importer: args.importer,
            pluginData: { resolving: true },
          });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          if (resolved.external) return resolved;
          return { path: `./${path.relative(outdir, resolved.path)}`, external: true };
        });
      },
    },
  ],
});
