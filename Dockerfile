# The Streamline web app. Used by docker-compose.yml, which supplies Kafka and PostgreSQL
# through KAFKA_BROKERS and DATABASE_URL.
FROM node:20-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
# Run as the image's unprivileged user; Next writes its cache under .next at run time.
RUN chown node:node /app
USER node

# Dependencies first, so editing the source does not invalidate the install layer.
COPY --chown=node:node package.json package-lock.json ./
# `npm install`, not `npm ci`: the lockfile lists only linux-x64 native optional packages.
RUN npm install --no-audit --no-fund

COPY --chown=node:node . .
# Also generates the Prisma clients (generated/ is not in the build context).
RUN npm run build

ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "run", "start:prod"]
