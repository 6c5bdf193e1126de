#!/usr/bin/env node
// Local Apache Flink session cluster (JobManager, TaskManager, SQL Gateway) for development and tests.
//
//   node scripts/flink.mjs fetch          copy the Flink jars from Maven Central into .cache/flink-<version>/libs
//   node scripts/flink.mjs start          start (or find) the cluster and wait until the gateway and a TaskManager answer
//   node scripts/flink.mjs stop           stop the processes this script started
//   node scripts/flink.mjs status         exit 0 if the cluster answers, 3 if not, 1 on other errors
//   node scripts/flink.mjs sql "<stmt>"   run one statement through the SQL Gateway and print its rows
//   node scripts/flink.mjs reset          stop the cluster and delete its data and logs (.data/flink)
//
// Flink's binary distribution is not on Maven Central, so flink/pom.xml lists the modules its lib/
// folder is made of, and this script launches the three entry points with `java -cp` the way
// bin/jobmanager.sh, bin/taskmanager.sh and bin/sql-gateway.sh do (memory flags come from Flink's
// own BashJavaUtils, as in those scripts). Only node: builtins are used so this works before `npm ci`.
//
// Environment:
//   FLINK_REST_URL          JobManager REST API of an existing cluster (e.g. http://flink:8081) and
//   FLINK_SQL_GATEWAY_URL   its SQL Gateway (e.g. http://flink:8083). When both are set, start/status only
//                           check that they answer; stop/reset never touch them.
//   FLINK_REST_PORT         JobManager REST port of the local cluster (default 8081)
//   FLINK_SQL_GATEWAY_PORT  SQL Gateway REST port of the local cluster (default 8083)
//   FLINK_RPC_PORT          JobManager RPC port (default 6123)
//   FLINK_TASK_MANAGERS     TaskManagers of the local cluster (default 2: a job at parallelism 2 spreads over
//                           both, so losing one is a real failover)
//   FLINK_TASK_SLOTS        task slots per TaskManager (default 8)
//   FLINK_TASK_MANAGER_MEMORY  process size of each TaskManager (default 1536m)
//   FLINK_START_TIMEOUT_MS  how long start waits for the cluster (default 120000)
//   JAVA_HOME               Java to run Flink with (default: `java` on PATH); Java 11 or 17.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchJars, fileSize, javaBin, logExcerpt, readPid, run, sleep, withLock as withFileLock } from './java-service.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POM = path.join(ROOT, 'flink', 'pom.xml');
const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = 300_000;

/** The shared start lock (scripts/java-service.mjs), with this script's name and patience. */
const withLock = (lockFile, log, fn) => withFileLock(lockFile, log, fn, { owner: 'flink.mjs', timeoutMs: LOCK_TIMEOUT_MS });

/** The JVM flags Flink's own distribution sets in `env.java.opts.all` (config.yaml) for Java 17. */
const JAVA17_OPTS = [
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.text=ALL-UNNAMED',
  '--add-opens=java.base/java.time=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
];

const JOB_MANAGER = { name: 'jobmanager', mainClass: 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint' };
const TASK_MANAGER_CLASS = 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner';
const SQL_GATEWAY = { name: 'sql-gateway', mainClass: 'org.apache.flink.table.gateway.SqlGateway' };

/**
 * The processes of a session cluster, in start order: the JobManager, the TaskManagers
 * (`taskmanager`, `taskmanager-2`, …) and the SQL Gateway. Stop and status look at up to 8
 * TaskManagers, so a cluster started with more than the current FLINK_TASK_MANAGERS still stops.
 * @param {number} taskManagers
 */
function processesOf(taskManagers) {
  const tms = Array.from({ length: taskManagers }, (_, i) => ({ name: i === 0 ? 'taskmanager' : `taskmanager-${i + 1}`, mainClass: TASK_MANAGER_CLASS }));
  return [JOB_MANAGER, ...tms, SQL_GATEWAY];
}
const PROCESSES = processesOf(8);

/**
 * @typedef {object} LogOptions
 * @property {(msg: string) => void} [log] where progress messages go (default: stderr, prefixed "[flink]").
 */

/**
 * @typedef {object} ClusterAddress
 * @property {string} restUrl JobManager REST API base URL (no trailing slash).
 * @property {string} gatewayUrl SQL Gateway REST API base URL (no trailing slash).
 * @property {boolean} external true when FLINK_REST_URL/FLINK_SQL_GATEWAY_URL name a cluster this script does not manage.
 */

// ---------------------------------------------------------------------------------------------
// Paths and settings
// ---------------------------------------------------------------------------------------------

function pomProperty(name) {
  const pom = fs.readFileSync(POM, 'utf8');
  const m = pom.match(new RegExp(`<${name.replace(/\./g, '\\.')}>\\s*([^<\\s]+)\\s*</${name.replace(/\./g, '\\.')}>`));
  if (!m) throw new Error(`Could not find <${name}> in ${POM}`);
  return m[1];
}

function envInt(name, fallback, min = 1, max = 65535) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw} is not valid (an integer ${min}..${max})`);
  return n;
}

function settings() {
  const version = pomProperty('flink.version');
  const restPort = envInt('FLINK_REST_PORT', 8081);
  const gatewayPort = envInt('FLINK_SQL_GATEWAY_PORT', 8083);
  const rpcPort = envInt('FLINK_RPC_PORT', 6123);
  const taskManagers = envInt('FLINK_TASK_MANAGERS', 2, 1, 8);
  const slots = envInt('FLINK_TASK_SLOTS', 8, 1, 256);
  const taskManagerMemory = process.env.FLINK_TASK_MANAGER_MEMORY?.trim() || '1536m';
  if (!/^\d+[mg]$/.test(taskManagerMemory)) throw new Error(`FLINK_TASK_MANAGER_MEMORY=${taskManagerMemory} is not valid (e.g. 1536m or 2g)`);
  const cacheDir = path.join(ROOT, '.cache', `flink-${version}`);
  // A second cluster on other ports (another checkout) keeps its own state and pid files.
  const dataDir = path.join(ROOT, '.data', restPort === 8081 ? 'flink' : `flink-${restPort}`);
  return {
    version,
    restPort,
    gatewayPort,
    rpcPort,
    taskManagers,
    slots,
    taskManagerMemory,
    cacheDir,
    libsDir: path.join(cacheDir, 'libs'),
    markerFile: path.join(cacheDir, 'fetch-complete.json'),
    dataDir,
    configDir: path.join(dataDir, 'conf'),
    logsDir: path.join(dataDir, 'logs'),
    tmpDir: path.join(dataDir, 'tmp'),
    checkpointsDir: path.join(dataDir, 'checkpoints'),
    savepointsDir: path.join(dataDir, 'savepoints'),
    startTimeoutMs: Number(process.env.FLINK_START_TIMEOUT_MS) || 120_000,
  };
}

/** @returns {ClusterAddress} where the cluster's two REST APIs are. */
export function flinkAddress() {
  const rest = process.env.FLINK_REST_URL?.trim();
  const gateway = process.env.FLINK_SQL_GATEWAY_URL?.trim();
  if (rest || gateway) {
    if (!rest || !gateway) throw new Error('Set both FLINK_REST_URL and FLINK_SQL_GATEWAY_URL to use a remote Flink cluster');
    return { restUrl: rest.replace(/\/+$/, ''), gatewayUrl: gateway.replace(/\/+$/, ''), external: true };
  }
  const s = settings();
  return { restUrl: `http://${HOST}:${s.restPort}`, gatewayUrl: `http://${HOST}:${s.gatewayPort}`, external: false };
}

const defaultLog = (/** @type {string} */ msg) => process.stderr.write(`[flink] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// HTTP probes
// ---------------------------------------------------------------------------------------------

async function getJson(url, timeoutMs = 3000) {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
}

/**
 * Checks both REST APIs: the JobManager must list at least one TaskManager with free or used
 * slots (so a job can run), the SQL Gateway must answer its info endpoint.
 * @param {ClusterAddress} addr
 * @returns {Promise<{ ok: boolean, taskManagers: number, slots: number, flinkVersion: string | null, error: string | null }>}
 */
async function probeCluster(addr, timeoutMs = 3000, minTaskManagers = 1) {
  try {
    const overview = await getJson(`${addr.restUrl}/overview`, timeoutMs);
    const info = await getJson(`${addr.gatewayUrl}/v1/info`, timeoutMs);
    const taskManagers = Number(overview.taskmanagers ?? 0);
    const slots = Number(overview['slots-total'] ?? 0);
    if (taskManagers < minTaskManagers || slots < 1) {
      return { ok: false, taskManagers, slots, flinkVersion: info.productVersion ?? null, error: `${taskManagers} of ${minTaskManagers} TaskManager(s) registered` };
    }
    return { ok: true, taskManagers, slots, flinkVersion: info.productVersion ?? overview['flink-version'] ?? null, error: null };
  } catch (err) {
    return { ok: false, taskManagers: 0, slots: 0, flinkVersion: null, error: err instanceof Error ? err.message : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------------------------

function pidFile(s, name) {
  return path.join(s.dataDir, `${name}.pid`);
}

/** True if pid is a live (non-zombie) process running the given Flink main class. */
function isFlinkProcess(pid, mainClass) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mainClass);
  } catch {
    return process.platform !== 'linux';
  }
}

/** pid of our live process `name`, removing a stale pid file. */
function livePid(s, proc) {
  const file = pidFile(s, proc.name);
  const pid = readPid(file);
  if (pid === null) return null;
  if (isFlinkProcess(pid, proc.mainClass)) return pid;
  fs.rmSync(file, { force: true });
  return null;
}

function logTails(s, since) {
  const parts = [];
  for (const proc of PROCESSES) {
    for (const suffix of ['log', 'out']) {
      const file = path.join(s.logsDir, `${proc.name}.${suffix}`);
      const excerpt = logExcerpt(file, since?.[`${proc.name}.${suffix}`] ?? 0, suffix === 'log' ? 12 : 8);
      if (excerpt) parts.push(`--- ${path.relative(ROOT, file)} ---\n${excerpt}`);
    }
  }
  return parts.length ? `\n${parts.join('\n')}` : `\n(nothing written to ${path.relative(ROOT, s.logsDir)})`;
}

function checkJava() {
  const res = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (res.error) throw new Error(`Cannot run "${javaBin()}" (${res.error.message}). Install Java 11 or 17, or set JAVA_HOME.`);
  const m = `${res.stderr}${res.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= 11)) throw new Error(`Flink needs Java 11+, but ${javaBin()} is Java ${major}. Set JAVA_HOME.`);
}

// ---------------------------------------------------------------------------------------------
// fetch
// ---------------------------------------------------------------------------------------------

/**
 * Copies the Flink modules of flink/pom.xml and their runtime dependencies from Maven Central into
 * `.cache/flink-<version>/libs`. Does nothing if a previous copy finished (marker file).
 * @param {LogOptions} [options]
 * @returns {Promise<{ version: string, libsDir: string, fetched: boolean, elapsedMs: number }>}
 */
export async function fetchFlink(options = {}) {
  const s = settings();
  return fetchJars({ name: 'Flink', version: s.version, pom: POM, root: ROOT, cacheDir: s.cacheDir, libsDir: s.libsDir, markerFile: s.markerFile, required: ['flink-runtime-', 'flink-sql-gateway-', 'flink-connector-kafka-', 'flink-table-planner-loader-'], log: options.log ?? defaultLog, lock: withLock });
}

// ---------------------------------------------------------------------------------------------
// start
// ---------------------------------------------------------------------------------------------

function writeConfig(s) {
  for (const dir of [s.configDir, s.logsDir, s.tmpDir, s.checkpointsDir, s.savepointsDir]) fs.mkdirSync(dir, { recursive: true });
  // Flink 1.19+ reads config.yaml (standard YAML); flat dotted keys are accepted at the top level.
  const config = `# Written by scripts/flink.mjs on every start; edits here are overwritten.
# A single-machine session cluster for development and tests. Every endpoint is on loopback:
# Flink's REST API is unauthenticated (and has had file-read flaws, CVE-2020-17519).
jobmanager.rpc.address: ${HOST}
jobmanager.rpc.port: ${s.rpcPort}
jobmanager.bind-host: ${HOST}
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: ${HOST}
taskmanager.host: ${HOST}
taskmanager.numberOfTaskSlots: ${s.slots}
taskmanager.memory.process.size: ${s.taskManagerMemory}
# A job's subtasks spread over the TaskManagers instead of filling the first one: at parallelism 2
# losing one TaskManager is a real failover, and the load is shared.
cluster.evenly-spread-out-slots: true
# Streaming SQL with the heap state backend barely uses managed memory; give the heap the room.
taskmanager.memory.managed.fraction: 0.1
rest.address: ${HOST}
rest.bind-address: ${HOST}
rest.port: ${s.restPort}
sql-gateway.endpoint.rest.address: ${HOST}
sql-gateway.endpoint.rest.bind-address: ${HOST}
sql-gateway.endpoint.rest.port: ${s.gatewayPort}
# Idle gateway sessions are dropped after this; the app opens a new one per deploy anyway.
sql-gateway.session.idle-timeout: 30min
execution.target: remote
parallelism.default: 1
# Kafka sinks commit on checkpoints: a short interval makes results appear within seconds.
execution.checkpointing.interval: 2s
execution.checkpointing.min-pause: 500ms
state.backend.type: hashmap
state.checkpoints.dir: file://${s.checkpointsDir}
state.savepoints.dir: file://${s.savepointsDir}
state.checkpoints.num-retained: 1
io.tmp.dirs: ${s.tmpDir}
web.tmpdir: ${path.join(s.tmpDir, 'web')}
web.submit.enable: false
web.cancel.enable: true
# A failed job restarts a few times (status "degraded" meanwhile) before it is reported failed. Enough
# attempts to outlast a lost TaskManager: its slots stay listed until its heartbeat times out, and a
# restart that lands on them fails again.
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 10
restart-strategy.fixed-delay.delay: 3s
heartbeat.interval: 3000
heartbeat.timeout: 20000
# The REST API serves metrics it fetched from the TaskManagers at most this long ago (default 10 s):
# the live canvas shows them once a second.
metrics.fetcher.update-interval: 1000
env.java.opts.all: ${JAVA17_OPTS.join(' ')}
`;
  const log4j = `# Written by scripts/flink.mjs. Each process logs to \${sys:log.file}.
monitorInterval = 0
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3
logger.shaded_zookeeper.level = WARN
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
appender.main.name = MainAppender
appender.main.type = RollingFile
appender.main.append = true
appender.main.fileName = \${sys:log.file}
appender.main.filePattern = \${sys:log.file}.%i
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
appender.main.policies.type = Policies
appender.main.policies.size.type = SizeBasedTriggeringPolicy
appender.main.policies.size.size = 20MB
appender.main.strategy.type = DefaultRolloverStrategy
appender.main.strategy.max = 3
`;
  fs.writeFileSync(path.join(s.configDir, 'config.yaml'), config);
  fs.writeFileSync(path.join(s.configDir, 'log4j.properties'), log4j);
  // The SQL Gateway's and CLI's log4j file names; same content.
  fs.writeFileSync(path.join(s.configDir, 'log4j-cli.properties'), log4j);
}

function classpath(s) {
  return `${s.libsDir}${path.sep}*`;
}

function commonJvmArgs(s, name) {
  return [
    ...JAVA17_OPTS,
    '-XX:+IgnoreUnrecognizedVMOptions',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog.file=${path.join(s.logsDir, `${name}.log`)}`,
    `-Dlog4j.configuration=file:${path.join(s.configDir, 'log4j.properties')}`,
    `-Dlog4j.configurationFile=file:${path.join(s.configDir, 'log4j.properties')}`,
  ];
}

/**
 * Asks Flink's BashJavaUtils for a process's JVM memory flags and the derived memory settings,
 * exactly as bin/jobmanager.sh and bin/taskmanager.sh do, so the heap sizes match the config.
 * @returns {Promise<{ jvm: string[], dynamic: string[] }>}
 */
async function memoryParams(s, command) {
  const out = await run(
    javaBin(),
    ['-Xmx128m', '-cp', classpath(s), `-Dlog4j.configurationFile=file:${path.join(s.configDir, 'log4j.properties')}`, `-Dlog.file=${path.join(s.logsDir, 'bash-java-utils.log')}`,
      'org.apache.flink.runtime.util.bash.BashJavaUtils', command, '--configDir', s.configDir],
    { cwd: s.dataDir },
    `Computing Flink memory settings (${command})`,
  );
  const results = out.split('\n').filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:')).map((l) => l.slice('BASH_JAVA_UTILS_EXEC_RESULT:'.length).trim());
  if (results.length < 2) throw new Error(`BashJavaUtils ${command} printed no result:\n${out.slice(-2000)}`);
  const jvm = results[0].split(/\s+/).filter(Boolean);
  // The second line is "-D key=value -D key=value ...": pairs of tokens.
  const dynamic = results[1].split(/\s+/).filter(Boolean);
  return { jvm, dynamic };
}

async function launch(s, proc, args, log) {
  const out = fs.openSync(path.join(s.logsDir, `${proc.name}.out`), 'a');
  const child = spawn(javaBin(), args, {
    cwd: s.dataDir,
    detached: true, // the cluster outlives this script and the test runner that started it
    stdio: ['ignore', out, out],
    env: { ...process.env, FLINK_CONF_DIR: s.configDir, FLINK_LIB_DIR: s.libsDir, FLINK_HOME: s.dataDir },
  });
  fs.closeSync(out);
  const spawnError = await new Promise((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) throw new Error(`Cannot launch "${javaBin()}": ${/** @type {Error} */ (spawnError).message}`);
  child.unref();
  const pid = /** @type {number} */ (child.pid);
  fs.writeFileSync(pidFile(s, proc.name), `${pid}\n`);
  log(`${proc.name} started (pid ${pid})`);
  return pid;
}

/**
 * True when this checkout runs the cluster (its JobManager pid is live) but one of its processes is
 * gone: a killed TaskManager stays listed by the JobManager until its heartbeat times out.
 */
function ownProcessMissing(s) {
  if (livePid(s, JOB_MANAGER) === null) return false;
  return processesOf(s.taskManagers).some((p) => livePid(s, p) === null);
}

async function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: HOST, port });
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
  });
}

/**
 * Makes sure a Flink session cluster answers and returns where it is.
 *
 * With FLINK_REST_URL and FLINK_SQL_GATEWAY_URL set this only checks that cluster. Otherwise it is
 * idempotent: processes already running are kept, missing ones are launched detached (pid files in
 * .data/flink), and it resolves once the SQL Gateway answers and a TaskManager has registered.
 * @param {LogOptions} [options]
 * @returns {Promise<ClusterAddress & { startedNow: boolean, version: string, slots: number, elapsedMs: number }>}
 */
export async function startFlink(options = {}) {
  const log = options.log ?? defaultLog;
  const started = Date.now();
  const addr = flinkAddress();
  const s = settings();
  const elapsed = () => Date.now() - started;

  if (addr.external) {
    const probe = await probeCluster(addr, 5000);
    if (!probe.ok) throw new Error(`The Flink cluster at ${addr.restUrl} / ${addr.gatewayUrl} is not ready: ${probe.error}`);
    return { ...addr, startedNow: false, version: probe.flinkVersion ?? 'unknown', slots: probe.slots, elapsedMs: elapsed() };
  }

  // Every TaskManager must be back (one may have been killed): a missing one is launched again below.
  const already = await probeCluster(addr, 2000, s.taskManagers);
  if (already.ok && !ownProcessMissing(s)) return { ...addr, startedNow: false, version: s.version, slots: already.slots, elapsedMs: elapsed() };

  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    const meanwhile = await probeCluster(addr, 2000, s.taskManagers);
    if (meanwhile.ok && !ownProcessMissing(s)) return { ...addr, startedNow: false, version: s.version, slots: meanwhile.slots, elapsedMs: elapsed() };

    const pids = Object.fromEntries(PROCESSES.map((p) => [p.name, livePid(s, p)]));
    const ports = { jobmanager: s.restPort, 'sql-gateway': s.gatewayPort };
    for (const [name, port] of Object.entries(ports)) {
      if (pids[name] === null && (await portInUse(port))) {
        throw new Error(
          `Port ${port} on ${HOST} (Flink ${name}) is in use by something this script did not start. ` +
            `Free it, set FLINK_REST_PORT / FLINK_SQL_GATEWAY_PORT, or point FLINK_REST_URL / FLINK_SQL_GATEWAY_URL at that cluster.`,
        );
      }
    }

    checkJava();
    await fetchFlink({ log });
    writeConfig(s);
    const since = {};
    for (const p of PROCESSES) for (const suf of ['log', 'out']) since[`${p.name}.${suf}`] = fileSize(path.join(s.logsDir, `${p.name}.${suf}`));

    let launchedAny = false;
    const jm = JOB_MANAGER;
    const tms = processesOf(s.taskManagers).filter((p) => p.mainClass === TASK_MANAGER_CLASS);
    const needJm = pids.jobmanager === null;
    const needTm = tms.some((tm) => !pids[tm.name]);
    const [jmMem, tmMem] = await Promise.all([
      needJm ? memoryParams(s, 'GET_JM_RESOURCE_PARAMS') : null,
      needTm ? memoryParams(s, 'GET_TM_RESOURCE_PARAMS') : null,
    ]);
    log(`starting Flink ${s.version}: REST ${addr.restUrl}, SQL Gateway ${addr.gatewayUrl}, ${s.taskManagers} TaskManager(s) × ${s.slots} slots (logs in ${path.relative(ROOT, s.logsDir)})`);
    if (jmMem) {
      pids.jobmanager = await launch(s, jm, [...jmMem.jvm, ...commonJvmArgs(s, jm.name), '-cp', classpath(s), jm.mainClass, '--configDir', s.configDir, '--executionMode', 'cluster', ...jmMem.dynamic], log);
      launchedAny = true;
    }
    for (const tm of tms) {
      if (!tmMem || pids[tm.name]) continue;
      pids[tm.name] = await launch(s, tm, [...tmMem.jvm, ...commonJvmArgs(s, tm.name), '-cp', classpath(s), tm.mainClass, '--configDir', s.configDir, ...tmMem.dynamic], log);
      launchedAny = true;
    }
    if (pids['sql-gateway'] === null) {
      const gw = SQL_GATEWAY;
      pids['sql-gateway'] = await launch(s, gw, ['-Xmx512m', ...commonJvmArgs(s, gw.name), '-cp', classpath(s), gw.mainClass, `-Dsql-gateway.endpoint.rest.port=${s.gatewayPort}`], log);
      launchedAny = true;
    }

    const deadline = Date.now() + s.startTimeoutMs;
    let last = null;
    while (Date.now() < deadline) {
      last = await probeCluster(addr, 2000, s.taskManagers);
      if (last.ok) {
        log(`Flink ${s.version} is ready (${last.slots} slots, ${(elapsed() / 1000).toFixed(1)} s)`);
        return { ...addr, startedNow: launchedAny, version: s.version, slots: last.slots, elapsedMs: elapsed() };
      }
      for (const p of processesOf(s.taskManagers)) {
        if (!isFlinkProcess(pids[p.name], p.mainClass)) {
          fs.rmSync(pidFile(s, p.name), { force: true });
          throw new Error(`Flink ${p.name} (pid ${pids[p.name]}) exited during startup.${logTails(s, since)}`);
        }
      }
      await sleep(500);
    }
    throw new Error(
      `Flink did not become ready within ${s.startTimeoutMs / 1000} s (last: ${last?.error ?? 'none'}); ` +
        `stop it with "node scripts/flink.mjs stop".${logTails(s, since)}`,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// stop / status / reset / sql
// ---------------------------------------------------------------------------------------------

async function waitForExit(pid, mainClass, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isFlinkProcess(pid, mainClass)) return true;
    await sleep(200);
  }
  return !isFlinkProcess(pid, mainClass);
}

/**
 * Stops the processes this script started (SIGTERM, SIGKILL after 30 s), gateway first so no new
 * job is submitted while the cluster goes away. Never touches a remote cluster.
 * @param {LogOptions} [options]
 * @returns {Promise<{ stopped: string[] }>} names of the processes stopped by this call
 */
export async function stopFlink(options = {}) {
  const log = options.log ?? defaultLog;
  if (flinkAddress().external) {
    log('FLINK_REST_URL / FLINK_SQL_GATEWAY_URL are set: that cluster is not managed by this script, nothing to stop');
    return { stopped: [] };
  }
  const s = settings();
  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    const stopped = [];
    for (const proc of [...PROCESSES].reverse()) {
      const pid = livePid(s, proc);
      if (pid === null) continue;
      log(`stopping ${proc.name} (pid ${pid})...`);
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
      if (!(await waitForExit(pid, proc.mainClass, STOP_TIMEOUT_MS))) {
        log(`${proc.name} ignored SIGTERM; sending SIGKILL`);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
        await waitForExit(pid, proc.mainClass, 10_000);
      }
      fs.rmSync(pidFile(s, proc.name), { force: true });
      stopped.push(proc.name);
    }
    return { stopped };
  });
}

/**
 * Reports whether the cluster answers.
 * @returns {Promise<{ running: boolean, external: boolean, restUrl: string, gatewayUrl: string, pids: Record<string, number | null>, slots: number, version: string, error: string | null }>}
 */
export async function flinkStatus() {
  const addr = flinkAddress();
  const probe = await probeCluster(addr, 3000);
  const s = settings();
  const pids = addr.external ? {} : Object.fromEntries(PROCESSES.map((p) => [p.name, livePid(s, p)]));
  return { running: probe.ok, external: addr.external, restUrl: addr.restUrl, gatewayUrl: addr.gatewayUrl, pids, slots: probe.slots, version: probe.flinkVersion ?? s.version, error: probe.error };
}

/**
 * Stops the local cluster and deletes .data/flink (config, logs, checkpoints, savepoints).
 * @param {LogOptions} [options]
 */
export async function resetFlink(options = {}) {
  const log = options.log ?? defaultLog;
  if (flinkAddress().external) throw new Error('FLINK_REST_URL is set: refusing to reset a cluster this script does not manage');
  const s = settings();
  await stopFlink({ log });
  fs.rmSync(s.dataDir, { recursive: true, force: true });
  log(`removed ${path.relative(ROOT, s.dataDir)}`);
  return { removed: s.dataDir };
}

async function gatewayCall(gatewayUrl, method, p, body) {
  const res = await fetch(`${gatewayUrl}${p}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`SQL Gateway ${method} ${p}: HTTP ${res.status} ${text.slice(0, 2000)}`);
  return text ? JSON.parse(text) : {};
}

/**
 * Runs one statement in a fresh SQL Gateway session and returns the rows it produced (bounded
 * queries only: for a streaming INSERT it returns the job id row). A smoke test for the cluster.
 * @param {string} statement
 * @returns {Promise<{ columns: string[], rows: unknown[][] }>}
 */
export async function runSql(statement) {
  const { gatewayUrl } = flinkAddress();
  const { sessionHandle } = await gatewayCall(gatewayUrl, 'POST', '/v1/sessions', { sessionName: 'flink-mjs' });
  try {
    const { operationHandle } = await gatewayCall(gatewayUrl, 'POST', `/v1/sessions/${sessionHandle}/statements`, { statement });
    let next = `/v1/sessions/${sessionHandle}/operations/${operationHandle}/result/0?rowFormat=JSON`;
    const rows = [];
    let columns = [];
    const deadline = Date.now() + 120_000;
    while (next && Date.now() < deadline) {
      const page = await gatewayCall(gatewayUrl, 'GET', next);
      if (page.results?.columns?.length) columns = page.results.columns.map((c) => c.name);
      for (const row of page.results?.data ?? []) rows.push(row.fields);
      if (page.resultType === 'EOS') break;
      if (page.resultType === 'NOT_READY') await sleep(200);
      next = page.nextResultUri ?? null;
    }
    return { columns, rows };
  } finally {
    await gatewayCall(gatewayUrl, 'DELETE', `/v1/sessions/${sessionHandle}`).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

async function main(argv) {
  switch (argv[0]) {
    case 'fetch': {
      const r = await fetchFlink();
      console.log(`Flink ${r.version} jars ${r.fetched ? 'fetched into' : 'already in'} ${path.relative(ROOT, r.libsDir)}`);
      return 0;
    }
    case 'start': {
      const r = await startFlink();
      const how = r.external ? 'external cluster answers' : r.startedNow ? 'started' : 'already running';
      console.log(`Flink ${how}: REST ${r.restUrl}, SQL Gateway ${r.gatewayUrl}, ${r.slots} slots [${(r.elapsedMs / 1000).toFixed(1)} s]`);
      return 0;
    }
    case 'stop': {
      const r = await stopFlink();
      console.log(r.stopped.length ? `stopped ${r.stopped.join(', ')}` : 'No Flink process started by this script is running');
      return 0;
    }
    case 'status': {
      const r = await flinkStatus();
      const pids = Object.entries(r.pids).filter(([, pid]) => pid).map(([n, pid]) => `${n} ${pid}`).join(', ');
      console.log(`${r.running ? 'running' : 'stopped'}: REST ${r.restUrl}, SQL Gateway ${r.gatewayUrl}, Flink ${r.version}${r.running ? `, ${r.slots} slots` : ''}${pids ? ` (pids: ${pids})` : ''}${r.running ? '' : ` — ${r.error}`}`);
      return r.running ? 0 : 3;
    }
    case 'sql': {
      if (!argv[1]) throw new Error('usage: node scripts/flink.mjs sql "<statement>"');
      const r = await runSql(argv[1]);
      console.log(r.columns.join('\t'));
      for (const row of r.rows) console.log(row.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\t'));
      return 0;
    }
    case 'reset':
      await resetFlink();
      return 0;
    default:
      console.error('usage: node scripts/flink.mjs start|stop|status|fetch|sql "<statement>"|reset');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`flink.mjs: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
