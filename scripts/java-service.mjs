// What scripts/kafka.mjs and scripts/flink.mjs share to run Java services from
// Maven Central jars: fetching the jars, pid files, a start lock, log excerpts for
// error messages, running a command to completion. Node built-ins only: these scripts run
// before npm has installed anything.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @returns {number | null} the pid written in a pid (or lock) file, or null. */
export function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A lock file so that two processes (say, two test runners) do not fetch into the same folder
 * or launch a service twice. A lock whose owner died is taken over.
 * @template T
 * @param {string} lockFile
 * @param {(message: string) => void} log
 * @param {() => Promise<T>} fn
 * @param {{ owner: string, timeoutMs: number }} options who waits (for the message) and for how long
 * @returns {Promise<T>}
 */
export async function withLock(lockFile, log, fn, { owner: script, timeoutMs }) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      const owner = readPid(lockFile);
      let ownerAlive = false;
      if (owner !== null) {
        try {
          // Our own pid counts as alive: Vitest thread workers share one process.
          process.kill(owner, 0);
          ownerAlive = true;
        } catch {}
      }
      // A lock older than any start could take was left by a dead process whose pid got reused.
      const age = Date.now() - (fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (!ownerAlive || age > timeoutMs) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile} (held by pid ${owner})`);
      if (!told) log(`waiting for another ${script} (pid ${owner}) to finish...`);
      told = true;
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** Size of a file now, so a later error can show only what this start wrote. */
export function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The interesting part of a log written since `from` bytes: its error lines (the usual cause,
 * those matching `errorLine`, at most `maxErrors`) and then its last lines. Long lines are cut;
 * config dumps would drown the cause.
 */
export function logExcerpt(file, from, lines, errorLine = /\b(ERROR|FATAL)\b/, maxErrors = 8) {
  let text;
  try {
    const buf = fs.readFileSync(file);
    // A smaller file than at spawn time means it rolled over: everything in it is new.
    text = buf.subarray(from <= buf.length ? from : 0).toString('utf8').trimEnd();
  } catch {
    return '';
  }
  if (!text) return '';
  const all = text.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}...` : l));
  const last = all.slice(-lines);
  const errors = all.slice(0, -lines).filter((l) => errorLine.test(l)).slice(-maxErrors);
  return [...errors, ...(errors.length ? ['...'] : []), ...last].join('\n');
}

/** The java command: JAVA_HOME's when set. */
export function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Runs a command to completion, keeping its output for the error message. */
export function run(cmd, args, opts, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => reject(new Error(`${what}: cannot run "${cmd}" (${err.message})${cmd === 'mvn' ? '. Is Maven installed?' : ''}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${what} failed (${cmd} exited with ${code}):\n${output.trim().split('\n').slice(-30).join('\n')}`));
    });
  });
}

/**
 * Copies the artifacts of a pom and their runtime dependencies from Maven Central into
 * `libsDir`, unless a previous copy of the same version and pom finished: a marker file is
 * written only after Maven succeeds, so an interrupted copy is redone.
 * @param {{ name: string, version: string, pom: string, root: string, cacheDir: string, libsDir: string, markerFile: string,
 *   required: string[], log: (message: string) => void, lock: <T>(lockFile: string, log: (message: string) => void, fn: () => Promise<T>) => Promise<T> }} o
 *   `required`: jar name prefixes that must be there afterwards; `lock`: the caller's `withLock`.
 * @returns {Promise<{ version: string, libsDir: string, fetched: boolean, elapsedMs: number }>}
 */
export async function fetchJars(o) {
  const started = Date.now();
  const pomHash = () => createHash('sha256').update(fs.readFileSync(o.pom)).digest('hex');
  const complete = () => {
    try {
      const marker = JSON.parse(fs.readFileSync(o.markerFile, 'utf8'));
      return marker.version === o.version && marker.pomSha256 === pomHash() && fs.readdirSync(o.libsDir).length === marker.jars;
    } catch {
      return false;
    }
  };
  const done = (fetched) => ({ version: o.version, libsDir: o.libsDir, fetched, elapsedMs: fetched ? Date.now() - started : 0 });
  if (complete()) return done(false);
  return o.lock(`${o.cacheDir}.lock`, o.log, async () => {
    if (complete()) return { ...done(false), elapsedMs: Date.now() - started };
    o.log(`fetching ${o.name} ${o.version} jars with Maven into ${path.relative(o.root, o.libsDir)} ...`);
    fs.rmSync(o.cacheDir, { recursive: true, force: true });
    fs.mkdirSync(o.libsDir, { recursive: true });
    await run('mvn', ['-q', '-B', '-f', o.pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${o.libsDir}`], { cwd: o.root }, `Fetching ${o.name} ${o.version} from Maven Central`);
    const jars = fs.readdirSync(o.libsDir);
    for (const needed of o.required) {
      if (!jars.some((j) => j.startsWith(needed))) throw new Error(`Maven finished but no ${needed}*.jar is in ${o.libsDir}`);
    }
    fs.writeFileSync(o.markerFile, JSON.stringify({ version: o.version, pomSha256: pomHash(), jars: jars.length, at: new Date().toISOString() }, null, 2));
    const result = done(true);
    o.log(`fetched ${jars.length} jars in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    return result;
  });
}
