import { BlockList, isIP } from "node:net";

/**
 * Which broker addresses the server may connect to. Refusing before any
 * connection is attempted keeps the server from being used to reach hosts it
 * should not (kafka-ui's CVE-2024-32030 let users point it anywhere).
 *
 * - never: link-local addresses (169.254.0.0/16 with the cloud metadata
 *   service, fe80::/10), unspecified, multicast and broadcast addresses,
 *   whatever the allowlist says;
 * - always: loopback (127.0.0.0/8, ::1);
 * - otherwise only what the allowlist names: host names (exact, or
 *   `*.example.com`), addresses, or CIDR ranges. Private ranges (RFC 1918,
 *   IPv6 unique-local) and public addresses alike need an entry.
 *
 * A host name is checked by the addresses it resolves to, and the connection
 * then goes to exactly those addresses, so a name cannot be switched to
 * another address between the check and the connection.
 */
export type BrokerPolicy = { hosts: string[]; ranges: BlockList; description: string[] };

export type Verdict = { ok: true } | { ok: false; reason: string };

const never = new BlockList();
never.addSubnet("169.254.0.0", 16, "ipv4");
never.addSubnet("0.0.0.0", 8, "ipv4");
never.addSubnet("224.0.0.0", 4, "ipv4");
never.addSubnet("240.0.0.0", 4, "ipv4");
never.addSubnet("fe80::", 10, "ipv6");
never.addSubnet("ff00::", 8, "ipv6");
never.addAddress("::", "ipv6");
never.addAddress("fd00:ec2::254", "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const privateRanges = new BlockList();
for (const [network, prefix] of [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16], ["100.64.0.0", 10]] as const) privateRanges.addSubnet(network, prefix, "ipv4");
privateRanges.addSubnet("fc00::", 7, "ipv6");

/**
 * Builds the policy from allowlist entries (STREAMLINE_BROKER_ALLOWLIST and
 * the hosts of KAFKA_BROKERS): comma- or space-separated host names,
 * `*.domain` wildcards, addresses and CIDR ranges. Ports in entries are ignored.
 */
export function brokerPolicy(entries: readonly string[]): BrokerPolicy {
  const hosts: string[] = [];
  const ranges = new BlockList();
  const description: string[] = [];
  for (const raw of entries.flatMap((entry) => entry.split(/[\s,]+/)).map((entry) => entry.trim()).filter(Boolean)) {
    const [base, prefixText] = raw.split("/");
    const host = stripPort(base!);
    const family = isIP(host);
    if (family && prefixText !== undefined) {
      const prefix = Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`Broker allowlist entry '${raw}' has an invalid prefix length`);
      ranges.addSubnet(host, prefix, family === 4 ? "ipv4" : "ipv6");
    } else if (family) {
      ranges.addAddress(host, family === 4 ? "ipv4" : "ipv6");
    } else if (/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
      hosts.push(host.toLowerCase());
    } else {
      throw new Error(`Broker allowlist entry '${raw}' is not a host name, address or CIDR range`);
    }
    description.push(raw);
  }
  return { hosts, ranges, description };
}

/** Splits `host:port` (IPv6 in brackets) into its parts. */
export function splitBroker(broker: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(broker) ?? /^([^:]+):(\d+)$/.exec(broker);
  if (!match) throw new Error(`'${broker}' is not host:port`);
  return { host: match[1]!, port: Number(match[2]) };
}

/** Whether `host` is named by the allowlist itself (exactly or by a `*.` wildcard). */
export function hostAllowed(policy: BrokerPolicy, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return policy.hosts.some((entry) => (entry.startsWith("*.") ? name.endsWith(entry.slice(1)) : name === entry));
}

/**
 * Judges one address a connection would go to. `viaHost` is the name it was
 * resolved from, if any: naming the host in the allowlist allows the
 * addresses it resolves to (except the never-allowed ranges).
 */
export function judgeAddress(policy: BrokerPolicy, address: string, viaHost?: string): Verdict {
  const ip = unmapIpv4(address);
  const family = isIP(ip);
  if (!family) return { ok: false, reason: `'${address}' is not an IP address` };
  const type = family === 4 ? "ipv4" : "ipv6";
  const shown = viaHost && viaHost !== address ? `${viaHost} (${ip})` : ip;
  if (never.check(ip, type)) {
    return { ok: false, reason: `${shown} is a link-local, unspecified or multicast address (cloud metadata services live there) and is never allowed as a broker` };
  }
  if (loopback.check(ip, type)) return { ok: true };
  if (policy.ranges.check(ip, type) || (viaHost !== undefined && hostAllowed(policy, viaHost))) return { ok: true };
  if (privateRanges.check(ip, type)) {
    return { ok: false, reason: `${shown} is in a private network range; an operator can allow it with STREAMLINE_BROKER_ALLOWLIST` };
  }
  return { ok: false, reason: `${shown} is not on the broker allowlist (loopback, the KAFKA_BROKERS hosts and STREAMLINE_BROKER_ALLOWLIST)` };
}

/** `::ffff:10.0.0.1` is 10.0.0.1: judge the IPv4 address inside. */
function unmapIpv4(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  if (isIP(entry) === 6) return entry;
  return entry.replace(/:\d+$/, "");
}
