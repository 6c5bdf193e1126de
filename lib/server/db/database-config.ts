import path from "node:path";

export type DatabaseConfig = { provider: "sqlite" | "postgresql"; url: string };

/** Where the embedded SQLite database lives when DATABASE_URL is unset. */
export const defaultSqliteFile = path.join("data", "streamline.db");

/**
 * Reads the database to use from DATABASE_URL: a `postgres://` or
 * `postgresql://` URL selects PostgreSQL, a `file:` URL (or nothing) selects
 * the embedded SQLite file.
 */
export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || `file:${defaultSqliteFile}`;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) return { provider: "sqlite", url };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got '${url.split(":")[0]}:…'`);
}

/** The file behind a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0]!);
}
