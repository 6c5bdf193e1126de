import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { derivedKey, keyFilePath, masterKey } from "./secret-key";

/** Where the master key comes from, and that it never has to be in the database. */

const envOf = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const dir = mkdtempSync(path.join(tmpdir(), "streamline-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the master key", () => {
  it("reads STREAMLINE_SECRET_KEY as hex or base64, and refuses anything but 32 bytes", () => {
    const bytes = randomBytes(32);
    expect(masterKey(envOf({ STREAMLINE_SECRET_KEY: bytes.toString("hex") }))).toEqual(bytes);
    expect(masterKey(envOf({ STREAMLINE_SECRET_KEY: bytes.toString("base64") }))).toEqual(bytes);
    expect(() => masterKey(envOf({ STREAMLINE_SECRET_KEY: "too short" }))).toThrow(/32 random bytes/);
  });

  it("generates a key file readable by its owner only, and reads the same key back", () => {
    const env = envOf({ STREAMLINE_DATA_DIR: dir });
    const first = masterKey(env);
    const file = keyFilePath(env);
    expect(file).toBe(path.join(dir, "secret.key"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toEqual(first);
    expect(masterKey(env)).toEqual(first);
  });

  it("derives a different key for each purpose", () => {
    const env = envOf({ STREAMLINE_SECRET_KEY: randomBytes(32).toString("hex") });
    const session = derivedKey("session-cookie", env);
    const secrets = derivedKey("connection-secrets", env);
    expect(session).toHaveLength(32);
    expect(secrets).toHaveLength(32);
    expect(session.equals(secrets)).toBe(false);
    expect(session.equals(masterKey(env))).toBe(false);
  });
});
