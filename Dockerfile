# syntax=docker/dockerfile:1
# Safe Enquiry production image: `npx safe-enquiry serve` (CDS Hooks service + SMART app) on Node 24.
# Settings come from the environment (docs/production.md). Not built in the project's CI: see docs/production.md.

# ---- build: every dependency, then the SMART app bundle (dist/app) ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# package.json overrides point at vendor/empty-optional (file: dependency): npm ci needs it.
COPY vendor ./vendor
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:app

# ---- prod-deps: production dependencies only (none of them has an install script) ----
FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY vendor ./vendor
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
# The TypeScript sources run on Node 24's own type stripping: no compiler or loader in the image.
COPY --from=build /app/dist/app ./dist/app
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY terminology ./terminology
# SQLite state (DATABASE_URL unset) lives in /app/data; with PostgreSQL nothing is written here.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/safe-enquiry.mjs", "serve"]
