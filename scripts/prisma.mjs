#!/usr/bin/env node
// Prisma tasks for both databases from the one model in prisma/schema.prisma.
//
//   node scripts/prisma.mjs generate          generate the SQLite and PostgreSQL clients (skipped when current)
//   node scripts/prisma.mjs migration <name>  write the SQL of a new migration for both databases
//
// Why not `prisma migrate`: these machines cannot download Prisma's native
// schema engine, and its WebAssembly engine cannot run `migrate deploy` against
// PostgreSQL. So `migrate diff` (which works offline for both) writes plain SQL
// per provider, and lib/server/db/migrate.ts applies it at start-up.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modelPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const generatedDir = path.join(root, "generated");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");

/** The providers we support, with how to derive each one's schema from the model. */
const providers = {
  sqlite: { url: `file:${path.join(root, ".data", "prisma-cli.db")}` },
  // `migrate diff` connects through the adapter even though it only writes SQL; any reachable server will do.
  postgresql: { url: process.env.PRISMA_DIFF_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test" },
};

/** Rewrites the SQLite model for another provider and client output folder. */
function schemaFor(provider, modelText) {
  return modelText
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
    .replace(/output\s*=\s*"[^"]*"/, `output     = "./prisma/${provider}"`);
}

function writeSchema(provider, modelText, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, schemaFor(provider, modelText));
  return file;
}

function prisma(args, provider, schemaFile) {
  return execFileSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    env: { ...process.env, PRISMA_SCHEMA: schemaFile, DATABASE_URL: providers[provider].url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Generates both clients into generated/prisma/<provider>, unless the model has not changed since last time. */
export function generateClients() {
  const model = readFileSync(modelPath, "utf8");
  const prismaVersion = JSON.parse(readFileSync(path.join(root, "node_modules", "prisma", "package.json"), "utf8")).version;
  const stamp = createHash("sha256").update(model).update(prismaVersion).digest("hex");
  const stampFile = path.join(generatedDir, ".stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return false;
  mkdirSync(path.join(root, ".data"), { recursive: true });
  for (const provider of Object.keys(providers)) {
    const schemaFile = writeSchema(provider, model, path.join(generatedDir, `${provider}.prisma`));
    prisma(["generate", "--no-hints"], provider, schemaFile);
  }
  writeFileSync(stampFile, stamp);
  return true;
}

/** Writes prisma/migrations/<NNNN_name>/{sqlite,postgresql}.sql from the last snapshot to the current model. */
function createMigration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error("Give the migration a name of lowercase letters, digits and '_', e.g. add_deployments");
  mkdirSync(migrationsDir, { recursive: true });
  const existing = readdirSync(migrationsDir).filter((entry) => /^\d{4}_/.test(entry)).sort();
  const previous = existing.at(-1);
  const model = readFileSync(modelPath, "utf8");
  const folder = path.join(migrationsDir, `${String(existing.length + 1).padStart(4, "0")}_${name}`);
  const work = path.join(root, ".data", "migration-work");
  rmSync(work, { recursive: true, force: true });
  const sql = {};
  for (const provider of Object.keys(providers)) {
    const to = writeSchema(provider, model, path.join(work, `${provider}-to.prisma`));
    const from = previous
      ? ["--from-schema-datamodel", writeSchema(provider, readFileSync(path.join(migrationsDir, previous, "schema.prisma"), "utf8"), path.join(work, `${provider}-from.prisma`))]
      : ["--from-empty"];
    sql[provider] = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], provider, to);
  }
  if (Object.values(sql).every((text) => /empty migration/i.test(text))) {
    console.log("The model has not changed since the last migration: nothing to write.");
    return;
  }
  mkdirSync(folder);
  for (const [provider, text] of Object.entries(sql)) writeFileSync(path.join(folder, `${provider}.sql`), text);
  copyFileSync(modelPath, path.join(folder, "schema.prisma"));
  console.log(`Wrote ${path.relative(root, folder)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, arg] = process.argv.slice(2);
  if (command === "generate") {
    console.log(generateClients() ? "Generated Prisma clients for SQLite and PostgreSQL." : "Prisma clients are current.");
  } else if (command === "migration") {
    createMigration(arg);
  } else {
    console.error("usage: node scripts/prisma.mjs generate | migration <name>");
    process.exit(2);
  }
}
