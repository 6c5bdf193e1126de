import { lookup as dnsLookup } from "node:dns";
import { isIP, Socket, connect as netConnect, type LookupFunction } from "node:net";
import { connect as tlsConnect, type ConnectionOptions } from "node:tls";
import type { ISocketFactory } from "kafkajs";
import { judgeAddress, type BrokerPolicy } from "./broker-policy";

/** Resolves a host name to every address it has. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

/** What a connector is given: the host, and a lookup that only ever answers with checked addresses. */
export type ConnectTarget = { host: string; port: number; ssl?: ConnectionOptions; lookup: LookupFunction; onConnect: () => void };

/** Opens the socket. The real one is `net.connect`/`tls.connect`; tests pass one that records and never connects. */
export type Connector = (target: ConnectTarget) => Socket;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** The real connector: Node connects to whatever the guarded lookup answered, never resolving the name again. */
export const networkConnector: Connector = ({ host, port, ssl, lookup, onConnect }) =>
  ssl ? tlsConnect({ ...ssl, host, port, servername: isIP(host) ? undefined : host, lookup }, onConnect) : netConnect({ host, port, lookup }, onConnect);

/** Refused before any connection: the error kafkajs reports for the broker. */
export class BrokerRefusedError extends Error {
  constructor(reason: string) {
    super(`Refused to connect to this broker: ${reason}`);
    this.name = "BrokerRefusedError";
  }
}

/**
 * A kafkajs socket factory that applies the broker policy to every
 * connection kafkajs makes: the bootstrap brokers and every broker the
 * cluster's metadata names. An address literal is judged at once; a host
 * name is resolved, every address judged, and the connection goes to the
 * checked address only. A refused broker gets a socket that fails with
 * `BrokerRefusedError` without ever touching the network.
 */
export function guardedSocketFactory(policy: BrokerPolicy, options: { resolve?: Resolver; connect?: Connector } = {}): ISocketFactory {
  const resolve = options.resolve ?? systemResolver;
  const connect = options.connect ?? networkConnector;
  return ({ host, port, ssl, onConnect }) => {
    const bare = host.replace(/^\[|\]$/g, "");
    if (isIP(bare)) {
      const verdict = judgeAddress(policy, bare);
      if (!verdict.ok) return refusedSocket(verdict.reason);
    }
    const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
      const literal = isIP(hostname);
      (literal ? Promise.resolve([{ address: hostname, family: literal }]) : resolve(hostname))
        .then((addresses) => {
          if (addresses.length === 0) throw new BrokerRefusedError(`${hostname} has no addresses`);
          for (const { address } of addresses) {
            const verdict = judgeAddress(policy, address, hostname);
            if (!verdict.ok) throw new BrokerRefusedError(verdict.reason);
          }
          const all = (lookupOptions as { all?: boolean }).all;
          if (all) (callback as unknown as (error: Error | null, addresses: { address: string; family: number }[]) => void)(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        })
        .catch((error: Error) => callback(error instanceof BrokerRefusedError ? error : new BrokerRefusedError(`${hostname} could not be resolved (${error.message})`), "", 0));
    };
    // kafkajs passes `ssl` null without TLS, `true` or its options with it.
    const tlsOptions = ssl ? (typeof ssl === "object" ? ssl : {}) : undefined;
    const socket = connect({ host: bare, port, ssl: tlsOptions, lookup, onConnect });
    socket.setKeepAlive(true, 60_000);
    return socket;
  };
}

function refusedSocket(reason: string): Socket {
  const socket = new Socket();
  process.nextTick(() => socket.destroy(new BrokerRefusedError(reason)));
  return socket;
}
