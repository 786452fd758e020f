# syntax=docker/dockerfile:1
# The Fin X Segments API server. Build from the repository root: docker build -t finx-segments .
# Run: docker run -e DATABASE_URL=postgres://... -p 3000:3000 finx-segments
# One-shot commands in the image: npm run db:migrate | npm run tokens -- create --account <name>

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, the workspace's own build, then production dependencies only ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_NO_CLOUD=true NX_DAEMON=false
# The whole context (see .dockerignore): npm ci needs every workspace's package.json, and copying
# them one by one would break on the next workspace added. The npm cache mount keeps it fast.
COPY . .
RUN --mount=type=cache,target=/var/cache/npm npm ci --cache /var/cache/npm --no-audit --no-fund
RUN npx nx run @finx/server:build --output-style=static
RUN npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out/apps/server \
 && cp -R package.json package-lock.json node_modules /out/ \
 && cp -R apps/server/package.json apps/server/dist /out/apps/server/ \
 && if [ -d apps/server/node_modules ]; then cp -R apps/server/node_modules /out/apps/server/; fi

# ---- runtime: compiled JavaScript and production dependencies, as an unprivileged user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 FINX_DATA_DIR=/data
WORKDIR /app
COPY --from=build /out ./
# In the image, the usual script names run the compiled build (there is no TypeScript runtime here).
RUN npm pkg set \
      "scripts.start=node --enable-source-maps apps/server/dist/main.js" \
      "scripts.db:migrate=node --enable-source-maps apps/server/dist/migrate.cli.js" \
      "scripts.tokens=node --enable-source-maps apps/server/dist/tokens.cli.js" \
 && mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: it stops accepting, finishes requests in flight (10 s at most), exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "apps/server/dist/main.js"]
