# syntax=docker/dockerfile:1
# The service's image: built with dev dependencies, run with production ones
# only, as the unprivileged `node` user.
#   docker build -t kz-regulated-services .
#   docker run -e DATABASE_URL=... -e JWT_SECRET=... -v /secrets/notary.key:/run/secrets/notary.key:ro \
#     -e NOTARY_KEY_FILE=/run/secrets/notary.key -p 3000:3000 kz-regulated-services
# With NODE_ENV=production (the default here) the service refuses to start
# without JWT_SECRET and NOTARY_KEY_FILE; see the README's configuration table.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The install scripts npm runs are the ones package.json's allowScripts approves.
RUN npm ci --no-fund --no-audit
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-fund --no-audit

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The only place the service writes: the witness directory and (outside
# production) the generated notary key and the embedded PostgreSQL's data.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "require('http').get('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
# A young generation that holds a batch in flight: the notary's catch-up ran
# 1.3-1.5x faster with it (NotaryProjection.batchSize); package.json's start
# scripts pass the same flag (test/image/dockerfile.spec.ts holds them equal).
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
