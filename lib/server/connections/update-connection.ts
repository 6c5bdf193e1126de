import "server-only";
import type { UpdateConnectionBody } from "@/lib/schemas/connections";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { isUniqueViolation } from "../pipelines/is-unique-violation";
import { assertBrokersAllowed } from "./broker-allowlist";
import { connectionNameTaken } from "./create-connection";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { encryptSecret } from "./secret-box";

/** Changes a connection. An omitted password keeps the stored one; switching SASL off deletes it. */
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
      },
    });
    return toConnectionView(row);
  } catch (error) {
    if (isUniqueViolation(error) && body.name) throw connectionNameTaken(body.name);
    throw error;
  }
}
