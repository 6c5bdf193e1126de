import { describe, expect, it } from "vitest";
import type { Resolver } from "@/engine/kafka/guarded-socket-factory";
import { ApiError } from "../api/api-error";
import { assertBrokersAllowed, serverBrokerPolicy } from "./broker-allowlist";

/** The validator that runs when a connection is saved, with names resolved from a table (no DNS traffic). */

const names: Record<string, string[]> = {
  localhost: ["127.0.0.1"],
  "metadata.attacker.example": ["169.254.169.254"],
  "intranet.attacker.example": ["10.0.0.7"],
  "kafka.corp.example": ["10.1.1.1", "10.1.1.2"],
  "split.attacker.example": ["127.0.0.1", "192.168.0.9"],
};
const resolver: Resolver = async (host) => {
  if (!names[host]) throw new Error("ENOTFOUND");
  return names[host].map((address) => ({ address, family: 4 }));
};

async function refusal(brokers: string[], env: Record<string, string> = {}): Promise<ApiError | null> {
  return assertBrokersAllowed(brokers, resolver, serverBrokerPolicy(env as NodeJS.ProcessEnv)).then(
    () => null,
    (error: unknown) => error as ApiError,
  );
}

describe("the broker validator", () => {
  it("allows loopback by name and address", async () => {
    expect(await refusal(["localhost:9092", "127.0.0.1:9093", "[::1]:9094"])).toBeNull();
  });

  it("refuses the metadata address, private ranges and names resolving to them, naming each broker", async () => {
    const error = await refusal(["localhost:9092", "metadata.attacker.example:9092", "intranet.attacker.example:9092", "split.attacker.example:9092", "169.254.169.254:80", "unknown.example:9092"]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(422);
    expect(error!.code).toBe("broker_not_allowed");
    expect((error!.details as { field: string }[]).map((detail) => detail.field)).toEqual(["brokers.1", "brokers.2", "brokers.3", "brokers.4", "brokers.5"]);
  });

  it("lets the operator allow a private cluster by name or range, but never link-local", async () => {
    expect(await refusal(["kafka.corp.example:9092"])).not.toBeNull();
    expect(await refusal(["kafka.corp.example:9092"], { STREAMLINE_BROKER_ALLOWLIST: "kafka.corp.example" })).toBeNull();
    expect(await refusal(["kafka.corp.example:9092"], { STREAMLINE_BROKER_ALLOWLIST: "10.1.0.0/16" })).toBeNull();
    expect(await refusal(["intranet.attacker.example:9092"], { STREAMLINE_BROKER_ALLOWLIST: "10.1.0.0/16" })).not.toBeNull();
    expect(await refusal(["metadata.attacker.example:9092"], { STREAMLINE_BROKER_ALLOWLIST: "metadata.attacker.example, 169.254.0.0/16" })).not.toBeNull();
  });

  it("counts the hosts of KAFKA_BROKERS as configured clusters", async () => {
    expect(await refusal(["kafka.corp.example:9092"], { KAFKA_BROKERS: "kafka.corp.example:9092,other:9092" })).toBeNull();
  });
});
