import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so secret scanners and people can recognise one. */
export const tokenPrefix = "sl_";

/** A new token: 32 random bytes, base64url, after the prefix. */
export function newTokenSecret(): string {
  return tokenPrefix + randomBytes(32).toString("base64url");
}

/** What the database stores instead of the token. A fast hash is enough: the token is 256 random bits, not a password. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
