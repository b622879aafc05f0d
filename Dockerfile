# syntax=docker.io/docker/dockerfile:1
# In the style of Next.js's examples/with-docker: build once with no secret, ship only the standalone server.
# docker build -t nametag .   then   docker run -p 3000:3000 --env-file .env.production nametag   (README "Deploy")

FROM node:24-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies exactly as locked.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The build: needs no AUTH_* variable (demo mode and origins are decided at run time). Also the image the one-shot
# migration service in compose.yaml runs, as it has the source and every dependency.
FROM base AS builder
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Optional, not a secret: names this build for Next's version-skew protection (the same on every instance).
ARG NEXT_DEPLOYMENT_ID=""
ENV NEXT_DEPLOYMENT_ID=${NEXT_DEPLOYMENT_ID}
RUN npm run build

# What runs: the traced server, its static files and public/, owned by the unprivileged `node` user.
FROM base AS runner
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=builder --chown=node:node /app/public ./public
COPY --from=builder --chown=node:node /app/.next/standalone ./
COPY --from=builder --chown=node:node /app/.next/static ./.next/static
# The embedded store (PGlite, one container only) keeps its data here: mount a volume on it. With DATABASE_URL unused.
RUN mkdir -p .data && chown node:node .data
VOLUME /app/.data
USER node
EXPOSE 3000
# The slim image has no curl: Node's own fetch asks the liveness endpoint.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) drains in-flight requests for up to 10 s and exits 0: give it that long (`stop_grace_period`).
CMD ["node", "server.js"]
