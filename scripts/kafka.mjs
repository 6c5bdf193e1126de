#!/usr/bin/env node
// Local single-node Apache Kafka broker for development and tests.
//
//   node scripts/kafka.mjs fetch    copy the broker jars from Maven Central into .cache/kafka-<version>/libs
//   node scripts/kafka.mjs start    start (or find) a broker on 127.0.0.1:9092 and wait until it answers
//   node scripts/kafka.mjs stop     stop the broker this script started
//   node scripts/kafka.mjs status   exit 0 if a broker answers, 3 if not, 1 on other errors
//   node scripts/kafka.mjs reset    stop the broker and delete its data and logs (.data/kafka)
//
// The same operations are exported (fetchKafka, startBroker, stopBroker, brokerStatus, resetBroker)
// for other scripts and tests. Only node: builtins are used so this works before `npm ci`.
//
// Environment:
//   KAFKA_BROKERS          "host:port[,host:port]" of an existing cluster. start/status then only check
//                          that it answers; stop/reset never touch it.
//   KAFKA_PORT             client port of the local broker (default 9092). Any other port gets its own
//                          data folder (.data/kafka-<port>) because the KRaft quorum remembers its endpoint.
//   KAFKA_CONTROLLER_PORT  KRaft controller port (default KAFKA_PORT + 1).
//   KAFKA_SASL_USERS       "user:password[,user:password]": the client listener requires SASL (PLAIN,
//                          SCRAM-SHA-256 and SCRAM-SHA-512) with these users, e.g. a second broker for
//                          tests on KAFKA_PORT=9292. Unset (the default): a PLAINTEXT listener.
//                          SCRAM credentials are written when the storage is formatted (a new data folder).
//   KAFKA_HEAP_OPTS        JVM heap flags (default "-Xmx1g -Xms256m"), same name as Kafka's own scripts.
//   KAFKA_START_TIMEOUT_MS how long start waits for the broker to answer (default 90000).
//   JAVA_HOME              Java to run the broker with (default: `java` on PATH). Kafka 4 needs Java 17+.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchJars, fileSize, javaBin, logExcerpt, readPid, run, sleep, withLock as withFileLock } from './java-service.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POM = path.join(ROOT, 'kafka', 'pom.xml');
const HOST = '127.0.0.1';
const DEFAULT_PORT = 9092;
const DEFAULT_HEAP = '-Xmx1g -Xms256m';
const STOP_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 240_000;

/** The shared start lock (scripts/java-service.mjs), with this script's name and patience. */
const withLock = (lockFile, log, fn) => withFileLock(lockFile, log, fn, { owner: 'kafka.mjs', timeoutMs: LOCK_TIMEOUT_MS });

/**
 * A new KRaft cluster id: a UUID in URL-safe base64 without padding (22
 * characters) that does not start with '-', which `kafka-storage format
 * --cluster-id` would read as an option (it failed a CI run: "argument
 * --cluster-id/-t: expected one argument"). Kafka's own `Uuid.randomUuid()`
 * skips such ids for the same reason.
 * @returns {string}
 */
export function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * @typedef {object} LogOptions
 * @property {(msg: string) => void} [log] where progress messages go (default: stderr, prefixed "[kafka]").
 *   Pass `() => {}` to silence.
 */

/**
 * @typedef {object} BrokerAddress
 * @property {string} host
 * @property {number} port
 */

/**
 * @typedef {object} ProbeResult
 * @property {string} address "host:port" that answered.
 * @property {string | null} clusterId cluster id from the Metadata response (null if not asked).
 * @property {number} brokerCount number of live brokers in the Metadata response (0 if not asked).
 */

/**
 * @typedef {object} StartResult
 * @property {string[]} brokers bootstrap addresses ("host:port") to give to a Kafka client.
 * @property {boolean} external true when KAFKA_BROKERS points at a cluster this script does not manage.
 * @property {boolean} startedNow true only if this call launched the broker process (so the caller
 *   may stop it again); false if one was already running or the cluster is external.
 * @property {number | null} pid pid of the local broker process, when this script manages it.
 * @property {string} version Kafka version of the local broker (from kafka/pom.xml).
 * @property {number} elapsedMs how long the call took.
 */

/**
 * @typedef {object} StatusResult
 * @property {boolean} running true if a broker answers a Kafka request at the address.
 * @property {string[]} brokers addresses checked.
 * @property {boolean} external true when KAFKA_BROKERS is set.
 * @property {number | null} pid pid of the broker process this script started, if it is alive.
 * @property {string | null} clusterId cluster id reported by the broker, if it answered.
 * @property {string} version Kafka version this script manages (from kafka/pom.xml).
 * @property {string} dataDir folder holding the local broker's config, data, logs and pid file.
 */

// ---------------------------------------------------------------------------------------------
// Paths and settings
// ---------------------------------------------------------------------------------------------

/** Reads the broker version from kafka/pom.xml so that the pom stays the only place it is written. */
function kafkaVersion() {
  const pom = fs.readFileSync(POM, 'utf8');
  const m = pom.match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!m) throw new Error(`Could not find <kafka.version> in ${POM}`);
  return m[1];
}

function envPort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a valid TCP port`);
  return n;
}

/** KAFKA_SASL_USERS as [{ name, password }], or null when the broker is PLAINTEXT. */
function saslUsers() {
  const raw = process.env.KAFKA_SASL_USERS?.trim();
  if (!raw) return null;
  return raw.split(',').map((pair) => {
    const at = pair.indexOf(':');
    const name = pair.slice(0, at).trim();
    const password = pair.slice(at + 1);
    if (at <= 0 || !password || !/^[A-Za-z0-9._-]+$/.test(name) || /[",\]]/.test(password)) {
      throw new Error(`KAFKA_SASL_USERS: "${pair}" is not user:password (letters, digits, '.', '_', '-' in the name; no '"', ',' or ']' in the password)`);
    }
    return { name, password };
  });
}

function settings() {
  const version = kafkaVersion();
  const port = envPort('KAFKA_PORT', DEFAULT_PORT);
  const controllerPort = envPort('KAFKA_CONTROLLER_PORT', port + 1);
  if (controllerPort === port) throw new Error('KAFKA_CONTROLLER_PORT must differ from KAFKA_PORT');
  const cacheDir = path.join(ROOT, '.cache', `kafka-${version}`);
  // The KRaft quorum stores the controller endpoint in its log, so a broker on another port
  // must not reuse the default data folder.
  const dataDir = path.join(ROOT, '.data', port === DEFAULT_PORT ? 'kafka' : `kafka-${port}`);
  return {
    version,
    port,
    controllerPort,
    cacheDir,
    libsDir: path.join(cacheDir, 'libs'),
    markerFile: path.join(cacheDir, 'fetch-complete.json'),
    dataDir,
    configDir: path.join(dataDir, 'config'),
    logDirs: path.join(dataDir, 'data'),
    logsDir: path.join(dataDir, 'logs'),
    pidFile: path.join(dataDir, 'broker.pid'),
    versionFile: path.join(dataDir, 'formatted-by-version'),
    startTimeoutMs: Number(process.env.KAFKA_START_TIMEOUT_MS) || 90_000,
    sasl: saslUsers(),
  };
}

/** @returns {BrokerAddress[] | null} the cluster named by KAFKA_BROKERS, or null when unset. */
function externalBrokers() {
  const raw = process.env.KAFKA_BROKERS?.trim();
  if (!raw) return null;
  return raw.split(',').map((entry) => {
    const s = entry.trim().replace(/^[a-z_]+:\/\//i, '');
    const i = s.lastIndexOf(':');
    const host = (i > 0 ? s.slice(0, i) : s).replace(/^\[|\]$/g, '');
    const port = i > 0 ? Number(s.slice(i + 1)) : DEFAULT_PORT;
    if (!host || !Number.isInteger(port)) throw new Error(`KAFKA_BROKERS entry "${entry}" is not host:port`);
    return { host, port };
  });
}

const fmt = (/** @type {BrokerAddress} */ a) => (a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`);
const defaultLog = (/** @type {string} */ msg) => process.stderr.write(`[kafka] ${msg}\n`);

function semverAtLeast(version, major, minor) {
  const [a, b] = version.split('.').map((x) => parseInt(x, 10));
  return a > major || (a === major && b >= minor);
}

// ---------------------------------------------------------------------------------------------
// Raw Kafka protocol probe: proves a Kafka broker (not just any TCP listener) is serving requests,
// without needing kafkajs installed.
// ---------------------------------------------------------------------------------------------

/**
 * Sends ApiVersions v0 and, if the broker supports it, Metadata v4 for zero topics.
 * ApiVersions v0 is what every client sends first, so every broker version answers it;
 * Metadata tells us the broker has joined the cluster (a KRaft broker lists itself only once unfenced).
 * @param {BrokerAddress} addr
 * @param {number} timeoutMs
 * @returns {Promise<ProbeResult>}
 */
function probe(addr, timeoutMs = 3000, apiVersionsOnly = false) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: addr.host, port: addr.port });
    let buffered = Buffer.alloc(0);
    /** @type {(frame: Buffer) => void} */
    let onFrame = () => {};
    const fail = (/** @type {Error} */ err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no Kafka answer from ${fmt(addr)} within ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('close', () => reject(new Error(`connection to ${fmt(addr)} closed before a complete answer`)));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4) {
        const size = buffered.readInt32BE(0);
        if (buffered.length < 4 + size) break;
        const frame = buffered.subarray(4, 4 + size);
        buffered = buffered.subarray(4 + size);
        try {
          onFrame(frame);
        } catch (err) {
          fail(/** @type {Error} */ (err));
        }
      }
    });

    const send = (apiKey, apiVersion, correlationId, body) => {
      const clientId = Buffer.from('streamline-kafka-probe');
      const header = Buffer.alloc(10);
      header.writeInt16BE(apiKey, 0);
      header.writeInt16BE(apiVersion, 2);
      header.writeInt32BE(correlationId, 4);
      header.writeInt16BE(clientId.length, 8);
      const payload = Buffer.concat([header, clientId, body]);
      const size = Buffer.alloc(4);
      size.writeInt32BE(payload.length, 0);
      socket.write(Buffer.concat([size, payload]));
    };

    const readString = (/** @type {Buffer} */ buf, /** @type {number} */ at) => {
      const len = buf.readInt16BE(at);
      if (len < 0) return { value: null, next: at + 2 };
      return { value: buf.toString('utf8', at + 2, at + 2 + len), next: at + 2 + len };
    };

    onFrame = (frame) => {
      if (frame.readInt32BE(0) !== 1) throw new Error('unexpected correlation id in ApiVersions answer');
      const errorCode = frame.readInt16BE(4);
      if (errorCode !== 0) throw new Error(`ApiVersions failed with Kafka error code ${errorCode}`);
      const count = frame.readInt32BE(6);
      let metadataRange = null;
      for (let i = 0, at = 10; i < count; i++, at += 6) {
        if (frame.readInt16BE(at) === 3) metadataRange = [frame.readInt16BE(at + 2), frame.readInt16BE(at + 4)];
      }
      // A SASL listener answers ApiVersions before authentication, and nothing else.
      if (apiVersionsOnly || !metadataRange || metadataRange[0] > 4 || metadataRange[1] < 4) {
        socket.end();
        resolve({ address: fmt(addr), clusterId: null, brokerCount: 0 });
        return;
      }
      onFrame = (meta) => {
        if (meta.readInt32BE(0) !== 2) throw new Error('unexpected correlation id in Metadata answer');
        let at = 4 + 4; // correlation id, throttle_time_ms
        const brokerCount = meta.readInt32BE(at);
        at += 4;
        for (let i = 0; i < brokerCount; i++) {
          at += 4; // node_id
          at = readString(meta, at).next; // host
          at += 4; // port
          at = readString(meta, at).next; // rack
        }
        const clusterId = readString(meta, at).value;
        socket.end();
        resolve({ address: fmt(addr), clusterId, brokerCount });
      };
      // Metadata v4 body: topics = [] (none: we only want the broker list), allow_auto_topic_creation = false.
      send(3, 4, 2, Buffer.from([0, 0, 0, 0, 0]));
    };
    socket.on('connect', () => send(18, 0, 1, Buffer.alloc(0)));
  });
}

/**
 * Resolves with the first address that answers as a ready broker, or null if none does.
 * @param {BrokerAddress[]} addrs
 */
async function probeAny(addrs, timeoutMs = 3000) {
  /** @type {Error | null} */
  let lastError = null;
  const apiVersionsOnly = !externalBrokers() && saslUsers() !== null;
  for (const addr of addrs) {
    try {
      const result = await probe(addr, timeoutMs, apiVersionsOnly);
      // Metadata with no brokers means the listener is up but the broker is still fenced.
      if (result.clusterId !== null && result.brokerCount === 0) throw new Error(`${fmt(addr)} has not joined its cluster yet`);
      return { result, error: null };
    } catch (err) {
      lastError = /** @type {Error} */ (err);
    }
  }
  return { result: null, error: lastError };
}

// ---------------------------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------------------------

/** True if pid is a live (non-zombie) process that looks like our broker. */
function isBrokerProcess(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: exists but belongs to someone else, so it cannot be a broker we started.
    return false;
  }
  // On Linux, guard against pid reuse and zombies (a zombie still "exists" for kill(0)).
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka');
  } catch {
    return process.platform !== 'linux'; // no /proc (macOS): trust kill(0)
  }
}

/** @returns {number | null} pid of the live broker recorded in the pid file; removes a stale file. */
function livePid(pidFile) {
  const pid = readPid(pidFile);
  if (pid === null) return null;
  if (isBrokerProcess(pid)) return pid;
  fs.rmSync(pidFile, { force: true });
  return null;
}

/** @param {{ server: number, out: number }} [since] byte offsets of the logs when the broker was launched */
function logTails(s, since = { server: 0, out: 0 }) {
  const parts = [];
  for (const [name, from, lines] of /** @type {const} */ ([
    ['server.log', since.server, 20],
    ['kafka.out', since.out, 15],
  ])) {
    const file = path.join(s.logsDir, name);
    const excerpt = logExcerpt(file, from, lines, /^\[[^\]]+\] (ERROR|FATAL)/, 10);
    if (excerpt) parts.push(`--- ${path.relative(ROOT, file)} ---\n${excerpt}`);
  }
  return parts.length ? `\n${parts.join('\n')}` : `\n(the broker wrote nothing to ${path.relative(ROOT, s.logsDir)})`;
}

/** Fails early with a readable message instead of a JVM UnsupportedClassVersionError in the log. */
function checkJava(version) {
  const res = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (res.error) {
    throw new Error(`Cannot run "${javaBin()}" (${res.error.message}). Install Java 17+ or set JAVA_HOME.`);
  }
  const m = `${res.stderr}${res.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  const needed = semverAtLeast(version, 4, 0) ? 17 : 11;
  if (major < needed) throw new Error(`Kafka ${version} needs Java ${needed}+, but ${javaBin()} is Java ${major}. Set JAVA_HOME.`);
}

// ---------------------------------------------------------------------------------------------
// fetch
// ---------------------------------------------------------------------------------------------

/**
 * Copies the Kafka broker and its runtime dependencies from Maven Central into
 * `.cache/kafka-<version>/libs` using kafka/pom.xml. Does nothing if a previous copy finished
 * (a marker file is written only after Maven succeeds, so an interrupted copy is redone).
 * @param {LogOptions} [options]
 * @returns {Promise<{ version: string, libsDir: string, fetched: boolean, elapsedMs: number }>}
 */
export async function fetchKafka(options = {}) {
  const s = settings();
  return fetchJars({ name: 'Kafka', version: s.version, pom: POM, root: ROOT, cacheDir: s.cacheDir, libsDir: s.libsDir, markerFile: s.markerFile, required: ['kafka_2.13-'], log: options.log ?? defaultLog, lock: withLock });
}

// ---------------------------------------------------------------------------------------------
// start
// ---------------------------------------------------------------------------------------------

function writeConfig(s) {
  fs.mkdirSync(s.configDir, { recursive: true });
  fs.mkdirSync(s.logsDir, { recursive: true });
  fs.mkdirSync(s.logDirs, { recursive: true });
  // Since 3.9 (KIP-853) a single node can bootstrap a dynamic quorum with --standalone, which is
  // what current Kafka documents; older brokers need the static voters list.
  const quorum = semverAtLeast(s.version, 3, 9)
    ? `controller.quorum.bootstrap.servers=${HOST}:${s.controllerPort}`
    : `controller.quorum.voters=1@${HOST}:${s.controllerPort}`;
  const server = `# Written by scripts/kafka.mjs on every start; edits here are overwritten.
# Single-node KRaft (broker and controller in one JVM) for local development and tests.
process.roles=broker,controller
node.id=1
${quorum}
${s.sasl ? saslListeners(s) : `listeners=PLAINTEXT://${HOST}:${s.port},CONTROLLER://${HOST}:${s.controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${s.port},CONTROLLER://${HOST}:${s.controllerPort}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT`}
log.dirs=${s.logDirs}

# One broker: every internal topic must accept a single replica, or groups and transactions hang.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# Fewer partitions than the default 50 for the internal topics: creating and loading them is what
# makes the first consumer group / transaction slow on a small machine.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Consumers in tests should not wait 3 s for more members to join.
group.initial.rebalance.delay.ms=0
num.partitions=3
auto.create.topics.enable=true
`;
  const log4j = `# Written by scripts/kafka.mjs. Broker logs go to files so the terminal stays quiet.
status = warn
name = streamline-kafka
# Kafka stops log4j itself; log4j's own hook only prints a warning into kafka.out on every stop.
shutdownHook = disable
appender.server.type = RollingFile
appender.server.name = server
appender.server.fileName = ${path.join(s.logsDir, 'server.log')}
appender.server.filePattern = ${path.join(s.logsDir, 'server.log.%i')}
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 20MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.server.ref = server
# Per-request logging is far too chatty for a dev box.
logger.request.name = kafka.request.logger
logger.request.level = warn
`;
  const serverFile = path.join(s.configDir, 'server.properties');
  const log4jFile = path.join(s.configDir, 'log4j2.properties');
  fs.writeFileSync(serverFile, server);
  fs.writeFileSync(log4jFile, log4j);
  return { serverFile, log4jFile };
}

/**
 * The listeners of a SASL broker: clients (and the broker itself) authenticate with PLAIN or SCRAM on
 * the client port; the KRaft controller listener stays on loopback PLAINTEXT. The inter-broker user is
 * random per data folder and never leaves server.properties.
 */
function saslListeners(s) {
  const secretFile = path.join(s.dataDir, 'inter-broker.secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const adminPassword = fs.readFileSync(secretFile, 'utf8').trim();
  const plainUsers = [{ name: 'streamline-broker', password: adminPassword }, ...s.sasl].map((u) => `user_${u.name}="${u.password}"`).join(' ');
  return `listeners=SASL_PLAINTEXT://${HOST}:${s.port},CONTROLLER://${HOST}:${s.controllerPort}
advertised.listeners=SASL_PLAINTEXT://${HOST}:${s.port},CONTROLLER://${HOST}:${s.controllerPort}
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="streamline-broker" password="${adminPassword}" ${plainUsers};
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`;
}

function jvmArgs(s, log4jFile) {
  const heap = (process.env.KAFKA_HEAP_OPTS || DEFAULT_HEAP).split(/\s+/).filter(Boolean);
  return [
    ...heap,
    // The GC settings Kafka's own kafka-run-class.sh uses.
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    // A broker that ran out of memory is better dead (and visible in status) than limping.
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${s.logsDir}`,
    '-cp',
    `${s.libsDir}${path.sep}*`,
  ];
}

async function formatStorage(s, serverFile, log4jFile, log) {
  if (fs.existsSync(path.join(s.logDirs, 'meta.properties'))) {
    const formattedBy = fs.existsSync(s.versionFile) ? fs.readFileSync(s.versionFile, 'utf8').trim() : null;
    if (formattedBy && formattedBy !== s.version) {
      log(`note: data in ${path.relative(ROOT, s.dataDir)} was formatted by Kafka ${formattedBy}; running ${s.version}`);
    }
    return;
  }
  const clusterId = newClusterId();
  log(`formatting KRaft storage in ${path.relative(ROOT, s.logDirs)} (cluster id ${clusterId})`);
  const args = [
    ...jvmArgs(s, log4jFile).filter((a) => !a.startsWith('-Xm')),
    '-Xmx256m',
    'kafka.tools.StorageTool',
    'format',
    '--config',
    serverFile,
    '--cluster-id',
    clusterId,
  ];
  if (semverAtLeast(s.version, 3, 9)) args.push('--standalone');
  // SCRAM credentials live in the cluster metadata: a KRaft broker gets them when its storage is formatted.
  for (const user of s.sasl ?? []) {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) args.push('--add-scram', `${mechanism}=[name=${user.name},password=${user.password}]`);
  }
  await run(javaBin(), args, { cwd: s.dataDir }, 'Formatting Kafka storage');
  fs.writeFileSync(s.versionFile, `${s.version}\n`);
}

/**
 * Waits until the broker at addr answers, failing fast if the process we launched dies.
 * @param {BrokerAddress} addr
 * @param {number} pid
 * @param {{ server: number, out: number }} [since] log offsets at launch, for the error message
 */
async function waitUntilReady(s, addr, pid, since) {
  const deadline = Date.now() + s.startTimeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    const { result, error } = await probeAny([addr], 2000);
    if (result) return result;
    lastError = error;
    if (pid !== null && !isBrokerProcess(pid)) {
      fs.rmSync(s.pidFile, { force: true });
      throw new Error(`Kafka broker (pid ${pid}) exited during startup.${logTails(s, since)}`);
    }
    await sleep(500);
  }
  throw new Error(
    `Kafka broker did not answer on ${fmt(addr)} within ${s.startTimeoutMs / 1000} s ` +
      `(last error: ${lastError?.message ?? 'none'}). It is still running as pid ${pid}; ` +
      `stop it with "node scripts/kafka.mjs stop".${logTails(s, since)}`,
  );
}

/**
 * Makes sure a Kafka broker is answering and returns where it is.
 *
 * With KAFKA_BROKERS set this only checks that cluster answers (and throws if it does not).
 * Otherwise it is idempotent: if something already answers on 127.0.0.1:KAFKA_PORT it is used
 * as-is; else the jars are fetched if needed, storage is formatted on first use, and the broker
 * is launched detached (it outlives the calling process; pid in .data/kafka/broker.pid).
 * Resolves only once the broker answers Kafka requests; rejects after ~90 s with the log tail.
 * @param {LogOptions} [options]
 * @returns {Promise<StartResult>}
 */
export async function startBroker(options = {}) {
  const log = options.log ?? defaultLog;
  const started = Date.now();
  const external = externalBrokers();
  const s = settings();
  const elapsed = () => Date.now() - started;

  if (external) {
    const { result, error } = await probeAny(external, 5000);
    if (!result) {
      throw new Error(`KAFKA_BROKERS=${process.env.KAFKA_BROKERS} does not answer: ${error?.message ?? 'unknown error'}`);
    }
    return { brokers: external.map(fmt), external: true, startedNow: false, pid: null, version: s.version, elapsedMs: elapsed() };
  }

  const addr = { host: HOST, port: s.port };
  const running = async () => {
    const { result } = await probeAny([addr], 2000);
    return result ? { brokers: [fmt(addr)], external: false, startedNow: false, pid: livePid(s.pidFile), version: s.version } : null;
  };

  const already = await running();
  if (already) return { ...already, elapsedMs: elapsed() };

  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    // Another process may have started it while we waited for the lock.
    const meanwhile = await running();
    if (meanwhile) return { ...meanwhile, elapsedMs: elapsed() };

    // Our broker may be alive but still starting (or stuck): wait for it rather than launch a second.
    const existing = livePid(s.pidFile);
    if (existing !== null) {
      log(`broker pid ${existing} is running but not answering yet; waiting...`);
      await waitUntilReady(s, addr, existing);
      return { brokers: [fmt(addr)], external: false, startedNow: false, pid: existing, version: s.version, elapsedMs: elapsed() };
    }

    // Something else holds the port (e.g. another Kafka, or a non-Kafka server).
    const portTaken = await new Promise((resolve) => {
      const sock = net.connect({ host: HOST, port: s.port });
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (portTaken) {
      throw new Error(
        `Port ${s.port} on ${HOST} is in use but does not answer as a ready Kafka broker. ` +
          `Free it, or set KAFKA_PORT to use another port, or KAFKA_BROKERS to use another cluster.`,
      );
    }

    checkJava(s.version);
    await fetchKafka({ log });
    const { serverFile, log4jFile } = writeConfig(s);
    await formatStorage(s, serverFile, log4jFile, log);

    log(`starting Kafka ${s.version} on ${fmt(addr)} (logs in ${path.relative(ROOT, s.logsDir)})`);
    const since = { server: fileSize(path.join(s.logsDir, 'server.log')), out: fileSize(path.join(s.logsDir, 'kafka.out')) };
    const out = fs.openSync(path.join(s.logsDir, 'kafka.out'), 'a');
    const child = spawn(javaBin(), [...jvmArgs(s, log4jFile), 'kafka.Kafka', serverFile], {
      cwd: s.dataDir,
      // Own session and no pipes to us: the broker must survive this script (and a test runner) exiting.
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const spawnError = await new Promise((resolve) => {
      child.once('error', resolve);
      child.once('spawn', () => resolve(null));
    });
    if (spawnError) throw new Error(`Cannot launch "${javaBin()}": ${/** @type {Error} */ (spawnError).message}`);
    child.unref();
    const pid = /** @type {number} */ (child.pid);
    fs.writeFileSync(s.pidFile, `${pid}\n`);

    await waitUntilReady(s, addr, pid, since);
    log(`Kafka ${s.version} is ready on ${fmt(addr)} (pid ${pid}, ${(elapsed() / 1000).toFixed(1)} s)`);
    return { brokers: [fmt(addr)], external: false, startedNow: true, pid, version: s.version, elapsedMs: elapsed() };
  });
}

// ---------------------------------------------------------------------------------------------
// stop / status / reset
// ---------------------------------------------------------------------------------------------

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isBrokerProcess(pid)) return true;
    await sleep(200);
  }
  return !isBrokerProcess(pid);
}

/**
 * Stops the broker this script started (the pid in .data/kafka/broker.pid): SIGTERM for a clean
 * shutdown, then SIGKILL if it is still alive after 60 s. Idempotent: nothing running is fine.
 * Never touches a KAFKA_BROKERS cluster or a broker it did not start.
 * @param {LogOptions} [options]
 * @returns {Promise<{ stopped: boolean, pid: number | null, killed: boolean }>} stopped is true
 *   only if a running broker was stopped by this call.
 */
export async function stopBroker(options = {}) {
  const log = options.log ?? defaultLog;
  if (externalBrokers()) {
    log('KAFKA_BROKERS is set: that cluster is not managed by this script, nothing to stop');
    return { stopped: false, pid: null, killed: false };
  }
  const s = settings();
  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    const pid = livePid(s.pidFile);
    if (pid === null) {
      const { result } = await probeAny([{ host: HOST, port: s.port }], 1000);
      if (result) log(`a broker answers on ${HOST}:${s.port} but was not started by this script; leaving it alone`);
      return { stopped: false, pid: null, killed: false };
    }
    log(`stopping Kafka broker (pid ${pid})...`);
    try {
      process.kill(pid, 'SIGTERM'); // Kafka's handler does a controlled shutdown, so restarts skip log recovery
    } catch {
      // It exited on its own since we looked: that is what we wanted.
    }
    let killed = false;
    if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
      log(`broker pid ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; sending SIGKILL`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
      killed = true;
      if (!(await waitForExit(pid, 10_000))) throw new Error(`Kafka broker pid ${pid} did not exit even after SIGKILL`);
    }
    fs.rmSync(s.pidFile, { force: true });
    log('stopped');
    return { stopped: true, pid, killed };
  });
}

/**
 * Reports whether a broker answers (KAFKA_BROKERS, or the local one on 127.0.0.1:KAFKA_PORT).
 * @returns {Promise<StatusResult>}
 */
export async function brokerStatus() {
  const s = settings();
  const external = externalBrokers();
  const addrs = external ?? [{ host: HOST, port: s.port }];
  const { result } = await probeAny(addrs, 3000);
  return {
    running: result !== null,
    brokers: addrs.map(fmt),
    external: external !== null,
    pid: external ? null : livePid(s.pidFile),
    clusterId: result?.clusterId ?? null,
    version: s.version,
    dataDir: s.dataDir,
  };
}

/**
 * Stops the local broker and deletes its data, config and logs (the whole .data/kafka folder),
 * so the next start formats a fresh cluster. The jar cache is kept.
 * @param {LogOptions} [options]
 * @returns {Promise<{ removed: string }>}
 */
export async function resetBroker(options = {}) {
  const log = options.log ?? defaultLog;
  if (externalBrokers()) throw new Error('KAFKA_BROKERS is set: refusing to reset a cluster this script does not manage');
  const s = settings();
  await stopBroker({ log });
  fs.rmSync(s.dataDir, { recursive: true, force: true });
  log(`removed ${path.relative(ROOT, s.dataDir)}`);
  return { removed: s.dataDir };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const cmd = argv[0];
  switch (cmd) {
    case 'fetch': {
      const r = await fetchKafka();
      console.log(r.fetched ? `Kafka ${r.version} jars in ${path.relative(ROOT, r.libsDir)}` : `Kafka ${r.version} jars already in ${path.relative(ROOT, r.libsDir)}`);
      return 0;
    }
    case 'start': {
      const r = await startBroker();
      const how = r.external ? 'external cluster answers' : r.startedNow ? 'started' : 'already running';
      console.log(`Kafka ${how}: ${r.brokers.join(',')}${r.pid ? ` (pid ${r.pid})` : ''} [${(r.elapsedMs / 1000).toFixed(1)} s]`);
      return 0;
    }
    case 'stop': {
      const r = await stopBroker();
      console.log(r.stopped ? `Kafka broker pid ${r.pid} stopped${r.killed ? ' (killed)' : ''}` : 'No Kafka broker started by this script is running');
      return 0;
    }
    case 'status': {
      const r = await brokerStatus();
      const where = r.external ? `KAFKA_BROKERS=${r.brokers.join(',')}` : `${r.brokers.join(',')}${r.pid ? ` pid ${r.pid}` : ''}, Kafka ${r.version}, data ${path.relative(ROOT, r.dataDir)}`;
      console.log(`${r.running ? 'running' : 'stopped'}: ${where}${r.clusterId ? `, cluster ${r.clusterId}` : ''}`);
      return r.running ? 0 : 3;
    }
    case 'reset': {
      await resetBroker();
      return 0;
    }
    default:
      console.error('usage: node scripts/kafka.mjs start|stop|status|fetch|reset');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`kafka.mjs: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
