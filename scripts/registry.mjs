#!/usr/bin/env node
// Local Schema Registry for development and tests: Apicurio Registry (Apache 2.0), built from
// Maven Central jars by registry/pom.xml, in-memory storage, Confluent-compatible API.
//
//   node scripts/registry.mjs fetch    build the runnable registry into .cache/registry-<version>
//   node scripts/registry.mjs start    start (or find) the registry on 127.0.0.1:8085 and wait until it answers
//   node scripts/registry.mjs stop     stop the registry this script started
//   node scripts/registry.mjs status   exit 0 if the registry answers, 3 if not, 1 on other errors
//
// Its Confluent-compatible URL is http://127.0.0.1:<port>/apis/ccompat/v6 (`registryUrl()`).
// Storage is in memory: every start begins with no schemas. The same operations are exported
// (fetchRegistry, startRegistry, stopRegistry, registryStatus, registryUrl). Node built-ins only.
//
// Environment:
//   SCHEMA_REGISTRY_URL        a registry to use instead (Confluent's API, or Apicurio's ccompat path);
//                              start/status then only check that it answers; stop never touches it.
//   SCHEMA_REGISTRY_USERNAME / SCHEMA_REGISTRY_PASSWORD   basic auth for that registry.
//   REGISTRY_PORT              HTTP port of the local registry (default 8085).
//   REGISTRY_HEAP_OPTS         JVM heap flags (default "-Xmx256m -Xms64m").
//   REGISTRY_START_TIMEOUT_MS  how long start waits for the registry to answer (default 180000).
//   REGISTRY_SHARED_CACHE      where finished builds are also kept for other clones on this machine
//                              (default ~/.cache/streamline; "off" to disable): the Quarkus build takes
//                              minutes on 2 cores, and CI runs in a fresh clone.
//   JAVA_HOME                  Java to build and run it with (default: `java` on PATH; 17 or newer).

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSize, javaBin, logExcerpt, readPid, run, sleep, withLock as withFileLock } from './java-service.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POM = path.join(ROOT, 'registry', 'pom.xml');
const HOST = '127.0.0.1';
const DEFAULT_PORT = 8085;
const DEFAULT_HEAP = '-Xmx256m -Xms64m';
/** Apicurio 2.x serves the Confluent API v6 under this path (v7 came with 3.x). */
const CCOMPAT_PATH = '/apis/ccompat/v6';
const STOP_TIMEOUT_MS = 30_000;
/** Long enough for a first build (Maven downloads ~100 MB) on a busy 2-core machine. */
const LOCK_TIMEOUT_MS = 900_000;
/** What identifies our registry's java process in /proc/<pid>/cmdline. */
const PROCESS_MARK = 'local-schema-registry';

const withLock = (lockFile, log, fn) => withFileLock(lockFile, log, fn, { owner: 'registry.mjs', timeoutMs: LOCK_TIMEOUT_MS });
const defaultLog = (/** @type {string} */ msg) => process.stderr.write(`[registry] ${msg}\n`);

/** Reads the Apicurio version from registry/pom.xml, the only place it is written. */
function apicurioVersion() {
  const m = fs.readFileSync(POM, 'utf8').match(/<apicurio\.version>\s*([^<\s]+)\s*<\/apicurio\.version>/);
  if (!m) throw new Error(`Could not find <apicurio.version> in ${POM}`);
  return m[1];
}

function settings() {
  const version = apicurioVersion();
  const raw = process.env.REGISTRY_PORT;
  const port = raw ? Number(raw) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`REGISTRY_PORT=${raw} is not a valid TCP port`);
  const cacheDir = path.join(ROOT, '.cache', `registry-${version}`);
  const dataDir = path.join(ROOT, '.data', port === DEFAULT_PORT ? 'registry' : `registry-${port}`);
  return {
    version,
    port,
    cacheDir,
    runnerJar: path.join(cacheDir, `${PROCESS_MARK}-0.0.0-runner.jar`),
    markerFile: path.join(cacheDir, 'build-complete.json'),
    dataDir,
    logFile: path.join(dataDir, 'registry.log'),
    pidFile: path.join(dataDir, 'registry.pid'),
    startTimeoutMs: Number(process.env.REGISTRY_START_TIMEOUT_MS) || 180_000,
  };
}

/** @returns {{ url: string, username?: string, password?: string } | null} SCHEMA_REGISTRY_URL's registry, or null. */
function externalRegistry() {
  const url = process.env.SCHEMA_REGISTRY_URL?.trim();
  if (!url) return null;
  const username = process.env.SCHEMA_REGISTRY_USERNAME || undefined;
  return { url: url.replace(/\/+$/, ''), username, password: username ? (process.env.SCHEMA_REGISTRY_PASSWORD ?? '') : undefined };
}

/** The Confluent-compatible URL of the registry tests and the app should use: SCHEMA_REGISTRY_URL's, or the local one. */
export function registryUrl() {
  return externalRegistry()?.url ?? `http://${HOST}:${settings().port}${CCOMPAT_PATH}`;
}

/**
 * Asks the registry for its subjects: the cheapest call that needs the storage to be up.
 * @returns {Promise<string | null>} null when it answers, else why not.
 */
async function probe(registry, timeoutMs = 3000) {
  const headers = registry.username ? { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password ?? ''}`).toString('base64')}` } : {};
  try {
    const response = await fetch(`${registry.url}/subjects`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok ? null : `GET ${registry.url}/subjects answered ${response.status}`;
  } catch (error) {
    return `no answer from ${registry.url} (${error instanceof Error ? error.message : error})`;
  }
}

/** True if pid is a live (non-zombie) process that looks like our registry. */
function isRegistryProcess(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(PROCESS_MARK);
  } catch {
    return process.platform !== 'linux'; // no /proc (macOS): trust kill(0)
  }
}

function livePid(pidFile) {
  const pid = readPid(pidFile);
  if (pid === null) return null;
  if (isRegistryProcess(pid)) return pid;
  fs.rmSync(pidFile, { force: true });
  return null;
}

function logTail(s, from) {
  const excerpt = logExcerpt(s.logFile, from, 25, /\b(ERROR|FATAL)\b|Exception/, 8);
  return excerpt ? `\n--- ${path.relative(ROOT, s.logFile)} ---\n${excerpt}` : `\n(the registry wrote nothing to ${path.relative(ROOT, s.logFile)})`;
}

/** The machine-wide copy of a build of this exact pom, or null when REGISTRY_SHARED_CACHE=off. */
function sharedBuildDir(version, pomSha256) {
  const base = process.env.REGISTRY_SHARED_CACHE || path.join(os.homedir(), '.cache', 'streamline');
  return base === 'off' ? null : path.join(base, `registry-${version}-${pomSha256.slice(0, 12)}`);
}

/**
 * Builds the runnable registry (runner jar and lib/) from Maven Central into
 * `.cache/registry-<version>` with registry/pom.xml, unless a previous build of the same pom
 * finished (a marker is written only after Maven succeeds, so an interrupted build is redone).
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ version: string, runnerJar: string, built: boolean, elapsedMs: number }>}
 */
export async function fetchRegistry(options = {}) {
  const log = options.log ?? defaultLog;
  const s = settings();
  const started = Date.now();
  const pomHash = () => createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
  const complete = () => {
    try {
      const marker = JSON.parse(fs.readFileSync(s.markerFile, 'utf8'));
      return marker.version === s.version && marker.pomSha256 === pomHash() && fs.existsSync(s.runnerJar);
    } catch {
      return false;
    }
  };
  const done = (built) => ({ version: s.version, runnerJar: s.runnerJar, built, elapsedMs: Date.now() - started });
  if (complete()) return done(false);
  const shared = sharedBuildDir(s.version, pomHash());
  return withLock(`${s.cacheDir}.lock`, log, async () => {
    if (complete()) return done(false);
    if (shared && fs.existsSync(path.join(shared, 'build-complete.json'))) {
      log(`copying the build of the same pom from ${shared}`);
      fs.rmSync(s.cacheDir, { recursive: true, force: true });
      fs.cpSync(shared, s.cacheDir, { recursive: true });
      if (complete()) return done(false);
    }
    log(`building Apicurio Registry ${s.version} with Maven into ${path.relative(ROOT, s.cacheDir)} (first time: a few minutes) ...`);
    fs.rmSync(s.cacheDir, { recursive: true, force: true });
    fs.mkdirSync(s.cacheDir, { recursive: true });
    const env = { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? '-Xmx768m' };
    await run('mvn', ['-q', '-B', '-f', POM, 'package', `-Dregistry.build.directory=${s.cacheDir}`], { cwd: ROOT, env }, `Building Apicurio Registry ${s.version} from Maven Central`);
    if (!fs.existsSync(s.runnerJar)) throw new Error(`Maven finished but ${path.relative(ROOT, s.runnerJar)} is missing`);
    // The build's intermediate folders are not needed to run it.
    for (const dir of ['classes', 'quarkus-app', 'maven-archiver', 'maven-status', 'dependency-maven-plugin-markers']) fs.rmSync(path.join(s.cacheDir, dir), { recursive: true, force: true });
    fs.writeFileSync(s.markerFile, JSON.stringify({ version: s.version, pomSha256: pomHash(), at: new Date().toISOString() }, null, 2));
    if (shared) {
      try {
        // Copied under a temporary name and renamed, so another clone never copies half a build.
        const partial = `${shared}.partial-${process.pid}`;
        fs.rmSync(partial, { recursive: true, force: true });
        fs.cpSync(s.cacheDir, partial, { recursive: true });
        fs.rmSync(shared, { recursive: true, force: true });
        fs.renameSync(partial, shared);
      } catch (error) {
        log(`could not keep a copy in ${shared}: ${error instanceof Error ? error.message : error}`);
      }
    }
    const result = done(true);
    log(`built in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    return result;
  });
}

/**
 * Makes sure a Schema Registry answers and returns its URL. With SCHEMA_REGISTRY_URL set this
 * only checks that registry answers. Otherwise idempotent: a registry already answering on
 * 127.0.0.1:REGISTRY_PORT is used as it is; else it is built if needed and launched detached
 * (it outlives the caller; pid in .data/registry/registry.pid), and this resolves once it answers.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ url: string, external: boolean, startedNow: boolean, pid: number | null, version: string, elapsedMs: number }>}
 */
export async function startRegistry(options = {}) {
  const log = options.log ?? defaultLog;
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const s = settings();
  const external = externalRegistry();
  if (external) {
    const error = await probe(external, 5000);
    if (error) throw new Error(`SCHEMA_REGISTRY_URL is set but the registry does not answer: ${error}`);
    return { url: external.url, external: true, startedNow: false, pid: null, version: s.version, elapsedMs: elapsed() };
  }
  const local = { url: registryUrl() };
  if ((await probe(local, 2000)) === null) {
    return { url: local.url, external: false, startedNow: false, pid: livePid(s.pidFile), version: s.version, elapsedMs: elapsed() };
  }
  await fetchRegistry({ log });
  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    // Another process may have started it while we waited for the lock.
    const running = livePid(s.pidFile);
    if (running !== null) {
      await waitUntilReady(s, local, running, 0);
      return { url: local.url, external: false, startedNow: false, pid: running, version: s.version, elapsedMs: elapsed() };
    }
    fs.mkdirSync(s.dataDir, { recursive: true });
    const since = fileSize(s.logFile);
    const out = fs.openSync(s.logFile, 'a');
    const heap = (process.env.REGISTRY_HEAP_OPTS || DEFAULT_HEAP).split(/\s+/).filter(Boolean);
    const args = [
      ...heap,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-XX:+ExitOnOutOfMemoryError',
      `-Dquarkus.http.host=${HOST}`,
      `-Dquarkus.http.port=${s.port}`,
      // Nothing here reads the registry's metrics or sends errors to Sentry.
      '-Dquarkus.micrometer.enabled=false',
      '-jar',
      s.runnerJar,
    ];
    log(`starting Apicurio Registry ${s.version} on ${HOST}:${s.port} ...`);
    const child = spawn(javaBin(), args, { cwd: s.dataDir, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const spawnError = await new Promise((resolve) => {
      child.once('error', resolve);
      child.once('spawn', () => resolve(null));
    });
    if (spawnError) throw new Error(`Cannot launch "${javaBin()}": ${/** @type {Error} */ (spawnError).message}`);
    child.unref();
    const pid = /** @type {number} */ (child.pid);
    fs.writeFileSync(s.pidFile, `${pid}\n`);
    await waitUntilReady(s, local, pid, since);
    log(`Apicurio Registry ${s.version} is ready at ${local.url} (pid ${pid}, ${(elapsed() / 1000).toFixed(1)} s)`);
    return { url: local.url, external: false, startedNow: true, pid, version: s.version, elapsedMs: elapsed() };
  });
}

async function waitUntilReady(s, registry, pid, since) {
  const deadline = Date.now() + s.startTimeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    lastError = await probe(registry, 2000);
    if (lastError === null) return;
    if (!isRegistryProcess(pid)) {
      fs.rmSync(s.pidFile, { force: true });
      throw new Error(`Apicurio Registry (pid ${pid}) exited during startup.${logTail(s, since)}`);
    }
    await sleep(500);
  }
  throw new Error(
    `Apicurio Registry did not answer at ${registry.url} within ${s.startTimeoutMs / 1000} s (last: ${lastError}). ` +
      `It is still running as pid ${pid}; stop it with "npm run registry -- stop".${logTail(s, since)}`,
  );
}

/**
 * Stops the registry this script started (SIGTERM, then SIGKILL after 30 s). Idempotent; never
 * touches SCHEMA_REGISTRY_URL's registry or one it did not start. Its schemas are gone after.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ stopped: boolean, pid: number | null }>}
 */
export async function stopRegistry(options = {}) {
  const log = options.log ?? defaultLog;
  if (externalRegistry()) {
    log('SCHEMA_REGISTRY_URL is set: that registry is not managed by this script, nothing to stop');
    return { stopped: false, pid: null };
  }
  const s = settings();
  return withLock(path.join(s.dataDir, 'start.lock'), log, async () => {
    const pid = livePid(s.pidFile);
    if (pid === null) return { stopped: false, pid: null };
    log(`stopping Apicurio Registry (pid ${pid})...`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isRegistryProcess(pid) && Date.now() < deadline) await sleep(200);
    if (isRegistryProcess(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
      await sleep(500);
    }
    fs.rmSync(s.pidFile, { force: true });
    log('stopped');
    return { stopped: true, pid };
  });
}

/** @returns {Promise<{ running: boolean, url: string, external: boolean, pid: number | null, version: string }>} */
export async function registryStatus() {
  const s = settings();
  const external = externalRegistry();
  const registry = external ?? { url: registryUrl() };
  return { running: (await probe(registry, 3000)) === null, url: registry.url, external: external !== null, pid: external ? null : livePid(s.pidFile), version: s.version };
}

async function main(cmd) {
  switch (cmd) {
    case 'fetch': {
      const r = await fetchRegistry();
      console.log(`Apicurio Registry ${r.version} ${r.built ? 'built' : 'already built'}: ${path.relative(ROOT, r.runnerJar)}`);
      return 0;
    }
    case 'start': {
      const r = await startRegistry();
      const how = r.external ? 'external registry answers' : r.startedNow ? 'started' : 'already running';
      console.log(`Schema Registry ${how}: ${r.url}${r.pid ? ` (pid ${r.pid})` : ''} [${(r.elapsedMs / 1000).toFixed(1)} s]`);
      return 0;
    }
    case 'stop': {
      const r = await stopRegistry();
      console.log(r.stopped ? `Schema Registry pid ${r.pid} stopped` : 'No Schema Registry started by this script is running');
      return 0;
    }
    case 'status': {
      const r = await registryStatus();
      console.log(`${r.running ? 'running' : 'stopped'}: ${r.url}${r.external ? ' (SCHEMA_REGISTRY_URL)' : `${r.pid ? ` pid ${r.pid}` : ''}, Apicurio Registry ${r.version}`}`);
      return r.running ? 0 : 3;
    }
    default:
      console.error('usage: node scripts/registry.mjs start|stop|status|fetch');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`registry.mjs: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
