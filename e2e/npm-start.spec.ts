import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { request as apiRequest, expect, test, type APIRequestContext } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { collectJson, createTopic, produce, uniqueToken } from "./support/kafka";

/**
 * `npm start` as a person runs it (issue 14): scripts/start.mjs on a port and
 * a SQLite file of its own, with the production build the suite made. A word
 * count is deployed; the log of that normal start says nothing at warn or
 * error. The engine is then killed with SIGKILL: the supervisor restarts it,
 * the web app answers throughout, and the deployment resumes with exact
 * counts. Ctrl+C then leaves nothing of it in the process table.
 */

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const baseURL = `http://127.0.0.1:${port}`;

type Row = { pid: number; ppid: number; pgid: number; stat: string; args: string };

/** The process table (`ps`), zombies included: `stat` tells them apart. */
function processTable(): Row[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,pgid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, pid, ppid, pgid, stat, args]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), stat: stat!, args: args! }));
}

/** Every live descendant of `root`. */
function descendants(root: number): Row[] {
  const table = processTable().filter((row) => !row.stat.startsWith("Z"));
  const found: Row[] = [];
  let parents = new Set([root]);
  while (parents.size > 0) {
    const children = table.filter((row) => parents.has(row.ppid));
    found.push(...children);
    parents = new Set(children.map((row) => row.pid));
  }
  return found;
}

/** Lines an operator would read as trouble: pino lines at warn or above, or plain lines that say warn or error. */
function loudLines(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: unknown };
        return parsed.level === "warn" || parsed.level === "error" || parsed.level === "fatal";
      } catch {
        return /\b(warn|warning|error)\b|⚠/i.test(line);
      }
    });
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

type WordCount = { word: string; count: number };

// @exclusive: it starts a whole second app and reads the process table, so it runs alone (playwright.config.ts).
test.describe("npm start", { tag: "@exclusive" }, () => {
  let start: ChildProcess | undefined;
  let api: APIRequestContext | undefined;
  let output = "";

  test.afterAll(async () => {
    await api?.dispose();
    // Only if the test failed before its own Ctrl+C: end the start script and everything it started.
    if (start?.pid && start.exitCode === null) {
      const left = descendants(start.pid);
      start.kill("SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      for (const row of [...left, { pid: start.pid }]) {
        try {
          process.kill(row.pid, "SIGKILL");
        } catch {}
      }
    }
  });

  test("restarts a SIGKILLed engine while the web app stays up, resumes the deployment exactly, and leaves no process after Ctrl+C", async () => {
    test.setTimeout(360_000);
    const input = uniqueToken("start-in-");
    const sink = uniqueToken("start-out-");
    await createTopic(input);
    await createTopic(sink);
    // Its own group, as a shell's foreground job: Ctrl+C reaches the script, not the services it put in groups of their own.
    start = spawn(process.execPath, ["scripts/start.mjs"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:./.data/e2e/npm-start-${Date.now().toString(36)}.db`,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? "127.0.0.1:9092",
        STREAMLINE_TELEMETRY_TOPIC: uniqueToken("streamline.telemetry.start-"),
      },
    });
    start.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const startPid = start.pid!;

    api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const web = api;
    await until("the web app to answer", async () => (await web.get("/api/auth/setup")).ok(), 240_000);
    const setup = await web.post("/api/auth/setup", { data: { name: "Stella Start", email: "stella.start@example.test", password: "npm start passphrase 7" } });
    expect(setup.status(), await setup.text()).toBe(201);

    const created = await web.post("/api/pipelines", { data: { name: "Word count under npm start", graph: wordCountTemplate({ input, output: sink }) } });
    expect(created.status(), await created.text()).toBe(201);
    const id = (await created.json()).pipeline.id as string;
    expect((await web.post(`/api/pipelines/${id}/deploy`, { data: {} })).status()).toBe(202);
    const status = async () => ((await (await web.get(`/api/pipelines/${id}/status`)).json()).deployment?.status as string | undefined) ?? "none";
    await until("the deployment to run", async () => (await status()) === "running", 90_000);

    const [a, b] = [uniqueToken("wa"), uniqueToken("wb")];
    const isOurs = (value: unknown): value is WordCount => typeof value === "object" && value !== null && [a, b].includes((value as WordCount).word);
    const reached = (expected: Record<string, number>) => (updates: readonly WordCount[]) => Object.entries(expected).every(([word, count]) => updates.some((u) => u.word === word && u.count === count));
    await produce(input, Array.from({ length: 20 }, (_, i) => (i % 2 ? `${a} ${b}` : a)));
    await collectJson(sink, isOurs, reached({ [a]: 20, [b]: 10 }), 60_000);

    // A normal start and a deployed word count: nothing at warn or error in the whole output so far.
    expect(loudLines(output)).toEqual([]);

    const engine = descendants(startPid).find((row) => row.args.includes("engine-worker.mjs"));
    expect(engine, "the engine process").toBeDefined();
    process.kill(engine!.pid, "SIGKILL");
    // The web app is not the engine: it answers while the engine is down.
    expect((await web.get("/api/pipelines")).status()).toBe(200);
    await produce(input, Array.from({ length: 10 }, () => `${a} ${b}`));
    expect((await web.get(`/api/pipelines/${id}`)).status()).toBe(200);

    await until("the supervisor's restart line", async () => /engine ended \(killed by SIGKILL\) after \d+ s; restarting in 1 s/.test(output), 30_000);
    const restarted = await until("a new engine process", async () => descendants(startPid).find((row) => row.args.includes("engine-worker.mjs") && row.pid !== engine!.pid), 30_000);
    expect(restarted.pid).not.toBe(engine!.pid);
    // Its lease (10 s) lapses, the new engine claims it and continues from the committed offsets.
    await until("the deployment to run again", async () => (await status()) === "running", 120_000);
    const updates = await collectJson(sink, isOurs, reached({ [a]: 30, [b]: 20 }), 90_000);
    for (const [word, total] of [[a, 30], [b, 20]] as const) {
      // Each count once, in order: nothing counted twice or lost across the SIGKILL.
      expect(updates.filter((u) => u.word === word).map((u) => u.count)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }

    // Ctrl+C: the script and everything it started go; the process table shows nothing of them.
    const started = descendants(startPid);
    expect(started.some((row) => row.args.includes("engine-worker.mjs"))).toBe(true);
    expect(started.some((row) => /next/.test(row.args))).toBe(true);
    const exited = new Promise<number | null>((resolve) => start!.once("exit", (code) => resolve(code)));
    process.kill(-startPid, "SIGINT");
    expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 60_000))])).toBe(0);
    const groups = new Set([startPid, ...started.map((row) => row.pgid)]);
    const pids = new Set([startPid, ...started.map((row) => row.pid)]);
    const left = processTable().filter((row) => !row.stat.startsWith("Z") && (pids.has(row.pid) || groups.has(row.pgid)));
    expect(left.map((row) => `${row.pid} ${row.args}`)).toEqual([]);
    await expect(fetch(baseURL).then(() => "answers", () => "closed")).resolves.toBe("closed");
  });
});
