# syntax=docker/dockerfile:1
# One image recipe for the three apps: `docker build --target web|gateway|worker|migrate .`
# (docker-compose.yml builds each target). Internal packages ship TypeScript source and the Node
# apps run it through tsx, so every target carries the workspace and its node_modules; only the
# web app has a build step (`next build`).

FROM node:24-slim AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1
# pnpm from npm (corepack is not part of newer Node releases); version matches packageManager.
RUN npm install -g pnpm@10.34.9 && npm cache clean --force
WORKDIR /app

FROM base AS build
# `pnpm fetch` needs only the lockfile, so this layer is reused until a dependency changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --offline --frozen-lockfile
RUN pnpm --filter @syncstore/web build

FROM base AS runtime
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app /app
USER node

# Applies migrations (and graphile-worker's schema) once before the apps start.
FROM runtime AS migrate
WORKDIR /app/packages/db
CMD ["node", "--import", "tsx", "src/cli/migrate.ts"]

FROM runtime AS web
WORKDIR /app/apps/web
ENV WEB_PORT=3000
EXPOSE 3000
CMD ["node", "server.ts"]

FROM runtime AS gateway
WORKDIR /app/apps/gateway
ENV GATEWAY_PORT=4000
EXPOSE 4000
CMD ["node", "--import", "tsx", "src/main.ts"]

FROM runtime AS worker
WORKDIR /app/apps/worker
CMD ["node", "--import", "tsx", "src/main.ts"]
