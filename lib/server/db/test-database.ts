import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "./prisma";

/** The PostgreSQL server tests create their throwaway databases on. */
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type TestDatabase = { provider: "sqlite" | "postgresql"; url: string; drop: () => Promise<void> };

/**
 * Creates an empty database of the given kind for one test file and points
 * DATABASE_URL at it: a new SQLite file, or a new PostgreSQL database on the
 * local server. `drop` disconnects and removes it.
 */
export async function createTestDatabase(provider: "sqlite" | "postgresql"): Promise<TestDatabase> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await disconnectDb();
  if (provider === "sqlite") {
    const file = path.join(tmpdir(), `streamline-test-${suffix}.db`);
    process.env.DATABASE_URL = `file:${file}`;
    return {
      provider,
      url: process.env.DATABASE_URL,
      drop: async () => {
        await disconnectDb();
        for (const extra of ["", "-wal", "-shm", "-journal"]) rmSync(file + extra, { force: true });
      },
    };
  }
  const name = `streamline_test_${suffix}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return {
    provider,
    url: process.env.DATABASE_URL,
    drop: async () => {
      await disconnectDb();
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
