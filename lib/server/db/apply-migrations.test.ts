import { createClient } from "@libsql/client";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations, type Migration } from "./apply-migrations";
import type { DatabaseConfig } from "./database-config";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** Table names in the database, read with the provider's own driver. */
async function tables(config: DatabaseConfig): Promise<string[]> {
  if (config.provider === "sqlite") {
    const client = createClient({ url: config.url });
    const rows = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    client.close();
    return rows.rows.map((row) => String(row.name));
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  const rows = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  await client.end();
  return rows.rows.map((row) => row.tablename);
}

const extra = (name: string, sql: string): Migration => ({ name, sql, checksum: `test-${name}-${sql.length}` });

describe.each(["sqlite", "postgresql"] as const)("applyMigrations on %s", (provider) => {
  let database: TestDatabase | undefined;
  const config = () => ({ provider, url: database!.url });

  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("creates the schema on an empty database, then has nothing left to do", async () => {
    database = await createTestDatabase(provider);
    const migrations = readMigrations(provider);
    expect(migrations.map((m) => m.name)).toContain("0001_init");
    expect(await applyMigrations(config())).toEqual(migrations.map((m) => m.name));
    expect(await tables(config())).toEqual(expect.arrayContaining(["Deployment", "Pipeline", "PipelineVersion", "_streamline_migrations"]));
    expect(await applyMigrations(config())).toEqual([]);
  });

  it("lets concurrent starters apply each migration exactly once", async () => {
    database = await createTestDatabase(provider);
    const results = await Promise.all([applyMigrations(config()), applyMigrations(config()), applyMigrations(config())]);
    expect(results.flat().sort()).toEqual(readMigrations(provider).map((m) => m.name));
  });

  it("rolls back every pending migration when one fails", async () => {
    database = await createTestDatabase(provider);
    const base = readMigrations(provider);
    await applyMigrations(config(), base);
    const good = extra("9001_good", 'CREATE TABLE "Good" (id INTEGER PRIMARY KEY);');
    const bad = extra("9002_bad", 'CREATE TABLE "Half" (id INTEGER PRIMARY KEY);\nTHIS IS NOT SQL;');
    await expect(applyMigrations(config(), [...base, good, bad])).rejects.toThrow();
    const after = await tables(config());
    expect(after).not.toContain("Good");
    expect(after).not.toContain("Half");
    expect(await applyMigrations(config(), [...base, good])).toEqual(["9001_good"]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    database = await createTestDatabase(provider);
    const base = readMigrations(provider);
    await applyMigrations(config(), base);
    const edited = base.map((m) => ({ ...m, checksum: "edited" }));
    await expect(applyMigrations(config(), edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuses to run against a database newer than the app", async () => {
    database = await createTestDatabase(provider);
    const base = readMigrations(provider);
    await applyMigrations(config(), [...base, extra("9001_future", 'CREATE TABLE "Future" (id INTEGER PRIMARY KEY);')]);
    await expect(applyMigrations(config(), base)).rejects.toThrow(/does not know/);
  });
});
