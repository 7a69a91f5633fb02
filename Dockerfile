# syntax=docker/dockerfile:1
# Meshdeck: Next.js standalone server on a slim Node 20 base.
# Multi-stage (deps → build → runtime); the runtime stage holds only the
# standalone server, static assets and the server preload. It runs as a fixed
# non-root UID, writes nothing outside /tmp (read-only root filesystem: mount
# an emptyDir on /tmp, as deploy/base/deployment.yaml does) and needs no
# Linux capabilities.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    HOME=/tmp \
    TMPDIR=/tmp \
    NODE_OPTIONS="--require /app/deploy/runtime/preload.cjs"
RUN groupadd --system --gid 10001 meshdeck \
 && useradd --system --uid 10001 --gid meshdeck --home-dir /tmp --no-create-home --shell /usr/sbin/nologin meshdeck
# Application files stay owned by root: the server only reads them.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# The preload (peer address for proxy mode, request ids, latency metrics, access
# log) and the redaction list it shares with the app; pino comes with the
# standalone output (Next traces it as an external package).
COPY --from=build /app/deploy/runtime ./deploy/runtime
COPY --from=build /app/lib/observability/redact.json ./lib/observability/redact.json
USER 10001:10001
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
