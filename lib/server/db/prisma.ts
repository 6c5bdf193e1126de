import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { TransactionMode } from "@libsql/client";
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

/**
 * How long a query waits for the database before the API answers 503 `busy`:
 * SQLite's busy timeout (another process holds the write lock) and the
 * PostgreSQL pool's wait for a free connection.
 */
export const busyTimeoutMs = 5_000;

/**
 * Interactive transactions (create, save, deploy) queue for the one SQLite
 * connection behind other requests, so they may wait longer than Prisma's
 * default 2 s to start; once started they are short (a few statements).
 */
const transactionOptions = { maxWait: busyTimeoutMs, timeout: 10_000 };

/**
 * Connections per process to PostgreSQL: POSTGRES_POOL_SIZE, default 10. Two
 * processes (web app and engine) use 20 of the server's default 100. See
 * docs/operations.md.
 */
export function postgresPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env.POSTGRES_POOL_SIZE ?? 10);
  if (!Number.isInteger(size) || size < 1) throw new Error(`POSTGRES_POOL_SIZE must be a whole number of 1 or more; got '${env.POSTGRES_POOL_SIZE}'`);
  return size;
}

/**
 * The libsql adapter with every transaction begun IMMEDIATE (it takes the
 * write lock up front, waiting up to the busy timeout) instead of DEFERRED.
 * In WAL mode a deferred transaction that reads and then writes fails at
 * once with SQLITE_BUSY when another process (the engine) wrote in between —
 * the busy timeout never applies to that upgrade — which is what answered 500
 * under concurrent load. Within this process the adapter already runs one
 * statement or transaction at a time, so this is the single writer path.
 */
class ImmediateLibSQL extends PrismaLibSQL {
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): ReturnType<PrismaLibSQL["createClient"]> {
    const client = super.createClient(config);
    const begin = client.transaction.bind(client);
    client.transaction = ((mode?: TransactionMode) => begin(mode === "deferred" || mode === undefined ? "write" : mode)) as typeof client.transaction;
    return client;
  }
}

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
    const adapter = new PrismaPg({ connectionString: config.url, max: postgresPoolSize(), connectionTimeoutMillis: busyTimeoutMs });
    return new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new ImmediateLibSQL({ url: config.url, timeout: busyTimeoutMs }), transactionOptions });
}
