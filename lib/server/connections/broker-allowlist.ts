import "server-only";
import { brokerPolicy, judgeAddress, splitBroker, type BrokerPolicy } from "@/engine/kafka/broker-policy";
import { systemResolver, type Resolver } from "@/engine/kafka/guarded-socket-factory";
import { ApiError } from "../api/api-error";

/**
 * The server's broker policy: loopback, the hosts of KAFKA_BROKERS (the
 * cluster the operator configured) and STREAMLINE_BROKER_ALLOWLIST
 * (comma-separated host names, `*.domain`, addresses, CIDR ranges).
 */
export function serverBrokerPolicy(env: NodeJS.ProcessEnv = process.env): BrokerPolicy {
  // Unset KAFKA_BROKERS means the local broker, on loopback, which is allowed anyway.
  return brokerPolicy([env.KAFKA_BROKERS ?? "", env.STREAMLINE_BROKER_ALLOWLIST ?? ""]);
}

/**
 * Checks the brokers of a connection before it is stored: each host name is
 * resolved and every address judged by the policy. Refuses with 422 naming
 * each broker at fault; nothing is connected to.
 */
export async function assertBrokersAllowed(brokers: readonly string[], resolve: Resolver = systemResolver, policy = serverBrokerPolicy()): Promise<void> {
  const details: { field: string; message: string }[] = [];
  await Promise.all(
    brokers.map(async (broker, index) => {
      const { host } = splitBroker(broker);
      const reason = await refusal(policy, host, resolve);
      if (reason) details.push({ field: `brokers.${index}`, message: reason });
    }),
  );
  if (details.length > 0) {
    details.sort((a, b) => a.field.localeCompare(b.field, undefined, { numeric: true }));
    throw new ApiError(422, "broker_not_allowed", `Streamline may not connect to ${details.length === 1 ? "this broker" : "these brokers"}: ${details.map((d) => d.message).join("; ")}`, details);
  }
}

async function refusal(policy: BrokerPolicy, host: string, resolve: Resolver): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: { address: string }[];
  try {
    addresses = /^[\d.]+$|:/.test(bare) ? [{ address: bare }] : await resolve(bare);
  } catch {
    return `${bare} cannot be resolved`;
  }
  if (addresses.length === 0) return `${bare} has no addresses`;
  for (const { address } of addresses) {
    const verdict = judgeAddress(policy, address, address === bare ? undefined : bare);
    if (!verdict.ok) return verdict.reason;
  }
  return null;
}
