import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "../auth/secret-key";

const version = "v1";

/**
 * Encrypts a connection secret with AES-256-GCM under a key derived from the
 * server's master key (never stored in the database). The connection's id is
 * authenticated data, so a ciphertext copied onto another row does not decrypt.
 * Result: `v1:<iv>:<tag>:<ciphertext>`, base64 parts.
 */
export function encryptSecret(plain: string, connectionId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("connection-secrets"), iv);
  cipher.setAAD(Buffer.from(connectionId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [version, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

/** Decrypts what `encryptSecret` produced for the same connection; throws if it was tampered with or the key changed. */
export function decryptSecret(sealed: string, connectionId: string): string {
  const [tag, iv, authTag, ciphertext] = sealed.split(":");
  if (tag !== version || !iv || !authTag || ciphertext === undefined) throw new Error("The stored secret is not in a format this server can read");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("connection-secrets"), Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(connectionId, "utf8"));
  decipher.setAuthTag(Buffer.from(authTag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
