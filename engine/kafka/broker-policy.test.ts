import { Socket } from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { brokerPolicy, judgeAddress } from "./broker-policy";
import { guardedSocketFactory, type Connector, type Resolver } from "./guarded-socket-factory";

/**
 * The broker policy on its own, and on the kafkajs connection path with a
 * connector that records where it would connect and never opens a socket:
 * nothing in this file sends a packet anywhere.
 */

const policy = brokerPolicy(["kafka.corp", "*.kafka.example", "203.0.113.7", "198.51.100.0/24"]);

/** Names resolve from this table only; the system resolver is never asked. */
const names: Record<string, string[]> = {
  localhost: ["127.0.0.1", "::1"],
  "kafka.corp": ["10.0.0.5"],
  "b1.kafka.example": ["192.168.7.7"],
  "metadata.attacker.example": ["169.254.169.254"],
  "rebind.attacker.example": ["127.0.0.1", "169.254.169.254"],
  "intranet.attacker.example": ["10.20.30.40"],
  "ula.attacker.example": ["fd12:3456::1"],
  "mapped.attacker.example": ["::ffff:169.254.169.254"],
  "public.example": ["93.184.216.34"],
};
const resolver: Resolver = async (host) => {
  const addresses = names[host];
  if (!addresses) throw new Error(`ENOTFOUND ${host}`);
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

/** Records the address each connection would go to (after the guard's lookup), then fails without connecting. */
function recordingConnector() {
  const attempts: string[] = [];
  const refusals: string[] = [];
  const connect: Connector = ({ host, port, lookup }) => {
    const socket = new Socket();
    lookup(host, { all: true }, (error, addresses) => {
      if (error) {
        refusals.push(`${host}:${port}`);
        socket.destroy(error);
        return;
      }
      const list = Array.isArray(addresses) ? addresses : [{ address: addresses }];
      attempts.push(`${list.map((a) => (typeof a === "string" ? a : a.address)).join("|")}:${port}`);
      socket.destroy(new Error("recording connector: not connecting"));
    });
    return socket;
  };
  return { connect, attempts, refusals };
}

describe("the broker policy", () => {
  const cases: [string, boolean][] = [
    ["127.0.0.1", true],
    ["127.9.9.9", true],
    ["::1", true],
    ["169.254.169.254", false],
    ["169.254.0.1", false],
    ["fe80::1", false],
    ["fd00:ec2::254", false],
    ["::ffff:169.254.169.254", false],
    ["0.0.0.0", false],
    ["::", false],
    ["224.0.0.1", false],
    ["10.0.0.1", false],
    ["172.16.5.5", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["100.64.0.1", false],
    ["fd12:3456::1", false],
    ["fc00::1", false],
    ["::ffff:10.0.0.1", false],
    ["93.184.216.34", false],
    ["203.0.113.7", true],
    ["198.51.100.42", true],
    ["198.51.101.1", false],
  ];

  it.each(cases)("judges %s: allowed %s", (address, allowed) => {
    expect(judgeAddress(policy, address).ok).toBe(allowed);
  });

  it("allows a named host's private address only because the allowlist names it, and never link-local", () => {
    expect(judgeAddress(policy, "10.0.0.5", "kafka.corp").ok).toBe(true);
    expect(judgeAddress(policy, "192.168.7.7", "b1.kafka.example").ok).toBe(true);
    expect(judgeAddress(policy, "10.0.0.5", "other.corp").ok).toBe(false);
    expect(judgeAddress(brokerPolicy(["169.254.169.254", "metadata.internal"]), "169.254.169.254", "metadata.internal").ok).toBe(false);
  });

  it("explains a refusal", () => {
    const verdict = judgeAddress(policy, "169.254.169.254", "metadata.attacker.example");
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining("metadata.attacker.example (169.254.169.254) is a link-local") });
    expect(judgeAddress(policy, "10.0.0.1")).toEqual({ ok: false, reason: expect.stringContaining("STREAMLINE_BROKER_ALLOWLIST") });
  });

  it("refuses a malformed allowlist entry instead of guessing", () => {
    expect(() => brokerPolicy(["10.0.0.0/99"])).toThrow(/prefix/);
    expect(() => brokerPolicy(["bad host!"])).toThrow(/not a host name/);
  });
});

describe("the guarded socket factory on the kafkajs connection path", () => {
  async function tryBrokers(brokers: string[]) {
    const recorder = recordingConnector();
    const kafka = new Kafka({
      clientId: "policy-test",
      brokers,
      socketFactory: guardedSocketFactory(policy, { resolve: resolver, connect: recorder.connect }),
      retry: { retries: 0 },
      connectionTimeout: 1_000,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const error = await admin.connect().then(
      () => null,
      (caught: Error) => caught,
    );
    await admin.disconnect().catch(() => undefined);
    return { ...recorder, error };
  }

  const refused = [
    "169.254.169.254:9092",
    "[fe80::1]:9092",
    "[::ffff:169.254.169.254]:9092",
    "10.1.2.3:9092",
    "192.168.0.10:9092",
    "[fd12:3456::1]:9092",
    "93.184.216.34:9092",
    "metadata.attacker.example:9092",
    "rebind.attacker.example:9092",
    "intranet.attacker.example:9092",
    "ula.attacker.example:9092",
    "mapped.attacker.example:9092",
    "public.example:9092",
    "unknown.example:9092",
  ];

  it("refuses every address outside the allowlist before any connection is attempted", async () => {
    let attempts = 0;
    for (const broker of refused) {
      const result = await tryBrokers([broker]);
      expect(result.error, broker).not.toBeNull();
      expect(result.attempts, broker).toEqual([]);
      attempts += result.attempts.length;
    }
    console.log(`broker guard: ${attempts} connection attempts for ${refused.length} refused brokers`);
  });

  it("connects allowed names to exactly the addresses that were checked", async () => {
    expect((await tryBrokers(["localhost:9092"])).attempts).toEqual(["127.0.0.1|::1:9092"]);
    expect((await tryBrokers(["kafka.corp:9093"])).attempts).toEqual(["10.0.0.5:9093"]);
    expect((await tryBrokers(["b1.kafka.example:9094"])).attempts).toEqual(["192.168.7.7:9094"]);
  });
});
