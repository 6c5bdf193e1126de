import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/prisma/postgresql/client";
import { PrismaClient as SqliteClient } from "@/generated/prisma/sqlite/client";
import { applyMigrations } from "./apply-migrations";
import { readDatabaseConfig, type DatabaseConfig } from "./database-config";

/**
 * The Prisma client type the app codes against. Both generated clients come
 * from the same model, so the SQLite client's type describes either.
 */
export type Db = SqliteClient;

type Connection = { key: string; client: Promise<Db> };

// Kept on globalThis so Next's dev-mode module reloading does not open a new pool per edit.
const holder = globalThis as unknown as { streamlineDb?: Connection };

/**
 * The database client for DATABASE_URL, created once per process. The first
 * call applies pending migrations before anything queries the database.
 */
export function getDb(): Promise<Db> {
  const config = readDatabaseConfig();
  const key = `${config.provider}:${config.url}`;
  if (holder.streamlineDb?.key !== key) {
    const client = connect(config);
    // A failed start must not be cached: the next request tries again.
    client.catch(() => {
      if (holder.streamlineDb?.client === client) holder.streamlineDb = undefined;
    });
    holder.streamlineDb = { key, client };
  }
  return holder.streamlineDb.client;
}

/** Closes the current client (tests switch databases; workers close on shutdown). */
export async function disconnectDb(): Promise<void> {
  const current = holder.streamlineDb;
  holder.streamlineDb = undefined;
  if (current) await (await current.client.catch(() => null))?.$disconnect();
}

async function connect(config: DatabaseConfig): Promise<Db> {
  await applyMigrations(config);
  if (config.provider === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: config.url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaLibSQL({ url: config.url, timeout: 10_000 }) });
}
