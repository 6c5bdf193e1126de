import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { sqliteFilePath, type DatabaseConfig } from "./database-config";

/** A migration folder's SQL for one provider, as written by `scripts/prisma.mjs migration`. */
export type Migration = { name: string; sql: string; checksum: string };

const ledger = "_streamline_migrations";
/** An arbitrary constant: the advisory lock that serialises migrators (web and engine start together). */
const postgresLockKey = 424_242_001;

/** Reads the migrations for one provider, in order. */
export function readMigrations(provider: DatabaseConfig["provider"], dir = defaultMigrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((entry) => /^\d{4}_/.test(entry))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, `${provider}.sql`), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function defaultMigrationsDir(): string {
  return process.env.MIGRATIONS_DIR ?? path.join(process.cwd(), "prisma", "migrations");
}

/**
 * Applies the migrations the database has not seen yet, all in one
 * transaction together with their ledger rows, so a failure leaves the schema
 * as it was. Concurrent callers wait for each other. Refuses to run when an
 * applied migration's SQL has changed since. Returns the names applied.
 */
export async function applyMigrations(config: DatabaseConfig, migrations = readMigrations(config.provider)): Promise<string[]> {
  return config.provider === "postgresql" ? applyPostgres(config.url, migrations) : applySqlite(config.url, migrations);
}

function pending(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const migration = migrations.find((m) => m.name === name);
    if (!migration) throw new Error(`The database has migration ${name} applied, which this version of the app does not know. Is the app older than the database?`);
    if (migration.checksum !== checksum) throw new Error(`Migration ${name} was changed after it was applied; write a new migration instead of editing an applied one.`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

// libsql's local driver waits for a busy lock synchronously, so two migrators in one process would
// block each other's thread; they take turns here and only other processes meet the file lock.
let sqliteTurn: Promise<unknown> = Promise.resolve();

function applySqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const run = sqliteTurn.then(() => applySqliteNow(url, migrations));
  sqliteTurn = run.catch(() => undefined);
  return run;
}

async function applySqliteNow(url: string, migrations: Migration[]): Promise<string[]> {
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  const client = createClient({ url, timeout: 10_000 });
  try {
    // WAL lets the web server read while the engine writes; the setting persists in the file.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(`CREATE TABLE IF NOT EXISTS "${ledger}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const tx = await client.transaction("write");
    try {
      const rows = await tx.execute(`SELECT name, checksum FROM "${ledger}"`);
      const todo = pending(new Map(rows.rows.map((row) => [String(row.name), String(row.checksum)])), migrations);
      for (const migration of todo) {
        await tx.executeMultiple(migration.sql);
        await tx.execute({ sql: `INSERT INTO "${ledger}" (name, checksum, applied_at) VALUES (?, ?, ?)`, args: [migration.name, migration.checksum, new Date().toISOString()] });
      }
      await tx.commit();
      return todo.map((m) => m.name);
    } catch (error) {
      await tx.rollback();
      throw error;
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [postgresLockKey]);
      await client.query(`CREATE TABLE IF NOT EXISTS "${ledger}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const rows = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${ledger}"`);
      const todo = pending(new Map(rows.rows.map((row) => [row.name, row.checksum])), migrations);
      for (const migration of todo) {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "${ledger}" (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
      }
      await client.query("COMMIT");
      return todo.map((m) => m.name);
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
}
