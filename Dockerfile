# syntax=docker/dockerfile:1
#
# Agenda Cheia: one image that runs the API and serves the built web app.
#
#   docker build -t agenda-cheia .
#   docker run --rm -p 3000:3000 -v agenda-data:/data agenda-cheia            # embedded mode
#   docker compose up -d                                                      # PostgreSQL, Redis, MinIO, n8n
#
# Every setting is an environment variable: see .env.example and docs/configuration.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
# build: install the dependencies and build every workspace.
# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build

# CI=true keeps pnpm from prompting (there is no TTY); no telemetry from the build.
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    PNPM_STORE_DIR=/pnpm/store

RUN npm i -g pnpm@12.21.0

WORKDIR /app

# 1. Download every package of the lockfile into pnpm's store. Only the lockfile and workspace
#    settings are needed, so this layer is reused until dependencies change.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm fetch --store-dir "$PNPM_STORE_DIR"

# 2. The sources, then a link-only install from the store (no network).
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --store-dir "$PNPM_STORE_DIR"

# 3. Build every workspace that has a build script (turbo is a root devDependency):
#    apps/api/dist/main.js (the API bundle) and apps/web/dist (the web app the API serves).
RUN pnpm exec turbo run build

# ---------------------------------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# tini runs as PID 1: it forwards SIGTERM to node (docker stop is quick and graceful) and reaps zombies.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

# The pinned AWS SDK runs on Node 20; its start-up notice concerns releases after January 2027.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

WORKDIR /app

# Why the whole built workspace and not only apps/api/dist:
# the API bundle (apps/api/dist/main.js) inlines the workspace packages but keeps the npm
# dependencies external: bcrypt is a native addon, PGlite loads its WASM and extension files from its
# package, and pg, express, ws... are imported as usual. apps/api/build.mjs writes each of those
# imports as a path relative to dist/ into pnpm's virtual store (node_modules/.pnpm/...), so the
# runtime needs that exact node_modules layout. Copying /app as built gives it, unchanged, with the
# web app in apps/web/dist and pnpm-workspace.yaml, from which the API finds the workspace root.
# (A `pnpm install --prod` prune or `pnpm deploy` would save little here: the tooling workspaces
# depend on eslint and vitest, and pnpm keeps the virtual store entries; it would also risk moving
# the files the bundle points at.)
# Files stay owned by root: the non-root process can read the code but not change it.
COPY --from=build /app /app

# DATA_DIR holds what embedded mode writes (PGlite database, generated JWT secret). It must be
# writable by the node user; mount a volume here to keep it across containers.
RUN mkdir -p /data && chown node:node /data

# The official Node image ships the unprivileged "node" user (uid 1000).
USER node

EXPOSE 3000

# Slim images have no curl: ask Node itself. /api/health answers while the process is alive.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/api/dist/main.js"]
