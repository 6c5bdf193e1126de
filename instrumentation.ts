/**
 * Runs once when the Next.js server starts: applies pending database
 * migrations right away, so a bad DATABASE_URL shows at start-up rather than
 * on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/server/db/prisma");
  const { readDatabaseConfig } = await import("./lib/server/db/database-config");
  const config = readDatabaseConfig();
  await getDb();
  console.log(`[streamline] database ready (${config.provider}${config.provider === "sqlite" ? `, ${config.url.slice(5)}` : ""})`);
}
