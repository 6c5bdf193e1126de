import "server-only";
import { randomUUID } from "node:crypto";
import type { CreateConnectionBody } from "@/lib/schemas/connections";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";
import { isUniqueViolation } from "../pipelines/is-unique-violation";
import { assertBrokersAllowed } from "./broker-allowlist";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { registrySecretKey } from "./connection-registry";
import { encryptSecret } from "./secret-box";

/** Stores a Kafka connection after checking its brokers against the allowlist; the passwords (Kafka's, the Schema Registry's) are encrypted first. */
export async function createConnection(body: CreateConnectionBody): Promise<ConnectionView> {
  await assertBrokersAllowed(body.brokers);
  const id = randomUUID();
  const db = await getDb();
  try {
    const row = await db.kafkaConnection.create({
      data: {
        id,
        name: body.name,
        brokers: JSON.stringify(body.brokers),
        saslMechanism: body.saslMechanism,
        username: body.saslMechanism === "none" ? "" : (body.username ?? ""),
        passwordEncrypted: body.saslMechanism === "none" || !body.password ? "" : encryptSecret(body.password, id),
        tls: body.tls,
        caPem: body.tls ? (body.caPem ?? "") : "",
        registryUrl: body.registryUrl ?? "",
        registryUsername: body.registryUrl ? (body.registryUsername ?? "") : "",
        registryPasswordEncrypted: body.registryUrl && body.registryPassword ? encryptSecret(body.registryPassword, registrySecretKey(id)) : "",
      },
    });
    return toConnectionView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw connectionNameTaken(body.name);
    throw error;
  }
}

/** The 409 for a connection name that is taken. */
export function connectionNameTaken(name: string): ApiError {
  return new ApiError(409, "conflict", `A connection named '${name}' already exists; choose another name`);
}
