import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The server's master key: 32 bytes from STREAMLINE_SECRET_KEY (base64 or hex),
 * else from a key file the server generates on first use under the data
 * directory (STREAMLINE_DATA_DIR, default `data/`), readable by its owner only.
 * It is never stored in the database, so a copy of the database alone cannot
 * decrypt connection secrets or forge session cookies.
 */
export function masterKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.STREAMLINE_SECRET_KEY?.trim();
  if (fromEnv) return parseKey(fromEnv, "STREAMLINE_SECRET_KEY");
  const file = keyFilePath(env);
  const holder = globalThis as unknown as { streamlineKey?: { file: string; key: Buffer } };
  if (holder.streamlineKey?.file === file) return holder.streamlineKey.key;
  const key = readOrCreateKeyFile(file);
  holder.streamlineKey = { file, key };
  return key;
}

/** A key for one purpose, derived from the master key with HKDF-SHA256 so no two uses share a key. */
export function derivedKey(purpose: "session-cookie" | "connection-secrets", env: NodeJS.ProcessEnv = process.env): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(env), Buffer.alloc(0), `streamline/${purpose}`, 32));
}

/** Where the generated key file lives. */
export function keyFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.STREAMLINE_DATA_DIR?.trim() || "data", "secret.key");
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new Error(`${source} must be 32 random bytes written as 64 hex digits or base64 (e.g. the output of 'openssl rand -base64 32')`);
  }
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return parseKey(readFileSync(file, "utf8").trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a private temporary file, then linked into place: when the web server and the
  // engine start together, exactly one link succeeds and the other process reads a complete key.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  try {
    chmodSync(temporary, 0o600);
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return parseKey(readFileSync(file, "utf8").trim(), file);
}
