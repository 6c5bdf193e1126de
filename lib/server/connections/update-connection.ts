import "server-only";
import type { UpdateConnectionBody } from "@/lib/schemas/connections";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { isUniqueViolation } from "../pipelines/is-unique-violation";
import { assertBrokersAllowed } from "./broker-allowlist";
import { connectionNameTaken } from "./create-connection";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { registrySecretKey } from "./connection-registry";
import { encryptSecret } from "./secret-box";

/** Changes a connection. An omitted password keeps the stored one; switching SASL off deletes it, as removing the registry URL deletes the registry's login. */
export async function updateConnection(id: string, body: UpdateConnectionBody): Promise<ConnectionView> {
  const db = await getDb();
  const current = await db.kafkaConnection.findUnique({ where: { id } });
  if (!current) throw notFound(`Connection '${id}'`);
  if (body.brokers) await assertBrokersAllowed(body.brokers);
  const mechanism = body.saslMechanism ?? current.saslMechanism;
  const tls = body.tls ?? current.tls;
  const passwordEncrypted = mechanism === "none" ? "" : body.password !== undefined ? encryptSecret(body.password, id) : current.passwordEncrypted;
  const username = mechanism === "none" ? "" : (body.username ?? current.username);
  if (mechanism !== "none" && (!username || !passwordEncrypted)) {
    throw new ApiError(400, "invalid_request", "SASL needs a username and a password", [
      ...(!username ? [{ field: "username", message: "A username is required with SASL" }] : []),
      ...(!passwordEncrypted ? [{ field: "password", message: "A password is required with SASL" }] : []),
    ]);
  }
  // No registry URL, no registry login; a new password replaces the stored one, an omitted one keeps it.
  const registryUrl = body.registryUrl ?? current.registryUrl;
  const registryUsername = registryUrl ? (body.registryUsername ?? current.registryUsername) : "";
  const registryPasswordEncrypted = !registryUrl || !registryUsername ? "" : body.registryPassword !== undefined ? encryptSecret(body.registryPassword, registrySecretKey(id)) : current.registryPasswordEncrypted;
  if (body.registryPassword !== undefined && !registryUsername) {
    throw new ApiError(400, "invalid_request", "A Schema Registry password needs a Schema Registry URL and username", [
      { field: registryUrl ? "registryUsername" : "registryUrl", message: registryUrl ? "A Schema Registry password needs a username" : "Schema Registry credentials need a Schema Registry URL" },
    ]);
  }
  try {
    const row = await db.kafkaConnection.update({
      where: { id },
      data: {
        name: body.name,
        brokers: body.brokers ? JSON.stringify(body.brokers) : undefined,
        saslMechanism: mechanism,
        username,
        passwordEncrypted,
        tls,
        caPem: tls ? (body.caPem ?? current.caPem) : "",
        registryUrl,
        registryUsername,
        registryPasswordEncrypted,
      },
    });
    return toConnectionView(row);
  } catch (error) {
    if (isUniqueViolation(error) && body.name) throw connectionNameTaken(body.name);
    throw error;
  }
}
