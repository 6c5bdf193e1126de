import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { createTestAccount, type TestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { serveApiRoutes } from "./route-server";
import { runCli } from "./streamline";

/**
 * The `streamline` CLI against the API's route handlers served over HTTP on a
 * real database. The first checks run the real bin script in a child process,
 * as CI would; the rest run the same program in-process (a child costs
 * seconds of TypeScript compilation on a loaded machine), still over HTTP.
 */

let database: TestDatabase;
let server: { url: string; close: () => Promise<void> };
let editor: TestAccount;
let viewer: TestAccount;
const dir = mkdtempSync(path.join(tmpdir(), "streamline-cli-"));
const bin = path.join(process.cwd(), "bin", "streamline.mjs");

type Run = { code: number; stdout: string; stderr: string };

/** The environment of a CLI run: an editor's token unless `env` says otherwise; HOME is empty so no personal config file is read. */
function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: dir, STREAMLINE_URL: server.url, STREAMLINE_TOKEN: editor.token, ...env };
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** Runs bin/streamline.mjs in a child process. */
function cliProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: cliEnv(env), cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs the same program in this process. */
async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { env: cliEnv(env), stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

function writeFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

const pipelineName = "Word count (CLI)";
const withFilter = (condition: string): PipelineDocument => {
  const graph = wordCountTemplate();
  graph.nodes.find((n) => n.id === "non-empty")!.data.condition = condition;
  return graph;
};

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  editor = await createTestAccount("editor", "ci");
  viewer = await createTestAccount("viewer", "reader");
  server = await serveApiRoutes((file) => import(/* @vite-ignore */ file));
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe("streamline CLI", () => {
  it("applies a file twice: the first creates the pipeline, the second is a no-op (the bin script)", { timeout: 120_000 }, async () => {
    const file = writeFile("wc.json", { name: pipelineName, description: "Counts words", graph: wordCountTemplate() });
    const first = await cliProcess(["apply", "-f", file]);
    expect(first).toMatchObject({ code: 0, stdout: `Created ${pipelineName} (v1)\n` });
    const second = await cliProcess(["apply", "-f", file]);
    expect(second).toMatchObject({ code: 0, stdout: `${pipelineName} is unchanged (v1)\n` });
    const versions = await cli(["versions", pipelineName]);
    expect(versions.stdout.trim().split("\n")).toHaveLength(1);
    expect(versions.stdout).toContain(editor.email);
  });

  it("diffs with exit code 0 when nothing would change and 1 when something would", { timeout: 120_000 }, async () => {
    const same = await cli(["diff", "-f", writeFile("same.json", { name: pipelineName, description: "Counts words", graph: wordCountTemplate() })]);
    expect(same).toMatchObject({ code: 0, stdout: expect.stringContaining("No changes") });
    const changed = writeFile("changed.json", { name: pipelineName, graph: withFilter("CHAR_LENGTH(word) > 3") });
    const diff = await cliProcess(["diff", "-f", changed]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('~ node non-empty: condition: "CHAR_LENGTH(word) > 0" → "CHAR_LENGTH(word) > 3"');
    const applied = await cli(["apply", "-f", changed, "--message", "longer words only"]);
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining(`Updated ${pipelineName} (now v2)`) });
    expect((await cli(["diff", "-f", changed])).code).toBe(0);
    expect((await cli(["versions", pipelineName])).stdout.split("\n")[0]).toContain("longer words only");
  });

  it("exports what apply reads back", { timeout: 60_000 }, async () => {
    const exported = await cli(["export", pipelineName]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ kind: "streamline-pipeline", name: pipelineName, description: "Counts words", graph: withFilter("CHAR_LENGTH(word) > 3") });
    const out = path.join(dir, "exported.json");
    expect((await cli(["export", pipelineName, "-o", out])).code).toBe(0);
    expect((await cli(["apply", "-f", out])).stdout).toContain("is unchanged (v2)");
    expect(JSON.parse(readFileSync(out, "utf8")).name).toBe(pipelineName);
  });

  it("deploys with a plan, shows status and logs, and stops", { timeout: 60_000 }, async () => {
    const dry = await cli(["deploy", pipelineName, "--dry-run", "--from", "2026-12-02T10:32:00Z"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("state  Count per word [count]: NEW – first deployment");
    expect(dry.stdout).toContain("source lines: test from 2026-12-02T10:32:00.000Z");
    expect(dry.stdout).toContain("Dry run: nothing deployed.");
    expect((await cli(["status", pipelineName])).stdout).toContain("not deployed");

    const deployed = await cli(["deploy", pipelineName, "--version", "1"]);
    expect(deployed).toMatchObject({ code: 0, stdout: expect.stringContaining(`Deployed ${pipelineName} v1`) });
    const status = await cli(["status", pipelineName]);
    expect(status.stdout).toMatch(/v1 on embedded, starting/);
    expect(status.stdout).toContain("no live numbers");
    const plan = await cli(["deploy", pipelineName, "--dry-run"]);
    expect(plan.stdout).toContain("Deploy plan for v2 (replacing v1)");
    expect(plan.stdout).toContain("Count per word [count]: KEPT – configuration unchanged");
    expect(plan.stdout).toContain("source lines: test where version 1 stopped");

    expect((await cli(["stop", pipelineName])).stdout).toContain(`Stopping ${pipelineName} v1`);
    expect((await cli(["status", pipelineName])).stdout).toContain("stopped");
    const logs = await cli(["logs", pipelineName]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/deployed +v1 deployed on embedded \(exactly-once, generation 0\)/);
    expect(logs.stdout).toMatch(/stopped +v1 stopped/);
    const list = await cli(["list"]);
    expect(list.stdout).toContain(`${pipelineName}\tv2\tstopped (v1)`);
  });

  describe("errors", () => {
    it("a wrong token: exit 3 and what to check (the bin script)", { timeout: 60_000 }, async () => {
      const run = await cliProcess(["list"], { STREAMLINE_TOKEN: "sl_wrong" });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("The API refused the token");
    });

    it("no token at all: exit 3 and where to put one", async () => {
      const run = await cli(["list"], { STREAMLINE_TOKEN: undefined });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("No API token: set STREAMLINE_TOKEN");
    });

    it("a token from the config file works", async () => {
      const config = writeFile("config.json", { url: server.url, token: editor.token });
      const run = await cli(["list"], { STREAMLINE_TOKEN: undefined, STREAMLINE_URL: undefined, STREAMLINE_CONFIG: config });
      expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(pipelineName) });
      expect((await cli(["list"], { STREAMLINE_TOKEN: undefined, STREAMLINE_CONFIG: path.join(dir, "missing.json") })).code).toBe(2);
    });

    it("a viewer's token cannot apply (exit 3) but can diff", async () => {
      const file = writeFile("viewer.json", { name: "Viewer's", graph: wordCountTemplate() });
      const run = await cli(["apply", "-f", file], { STREAMLINE_TOKEN: viewer.token });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("Not allowed");
      expect(await cli(["diff", "-f", file], { STREAMLINE_TOKEN: viewer.token })).toMatchObject({ code: 1, stdout: expect.stringContaining("Viewer's does not exist yet") });
    });

    it("an unknown pipeline or version: exit 4", async () => {
      for (const args of [["status", "No such pipeline"], ["deploy", "no such"], ["export", "word count (cli)"], ["stop", "x"], ["logs", "x"]]) {
        const run = await cli(args);
        expect(run.code, args.join(" ")).toBe(4);
        expect(run.stderr).toContain("No pipeline named");
      }
      expect((await cli(["export", "word count (cli)"])).stderr).toContain(`did you mean '${pipelineName}'`);
      const version = await cli(["deploy", pipelineName, "--version", "9"]);
      expect(version.code).toBe(4);
      expect(version.stderr).toContain("Version 9");
    });

    it("an invalid document: exit 2 with the problems and their node ids, nothing saved", async () => {
      const broken = withFilter("CHAR_LENGTH(word) >");
      broken.nodes.find((n) => n.id === "counts")!.data.topic = "";
      const run = await cli(["apply", "-f", writeFile("broken.json", { name: pipelineName, graph: broken })]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("problem");
      expect(run.stderr).toMatch(/- node non-empty \(condition\): /);
      expect(run.stderr).toMatch(/- node counts \(topic\): /);
      expect((await cli(["diff", "-f", path.join(dir, "broken.json")])).code).toBe(2);
      expect((await cli(["versions", pipelineName])).stdout.trim().split("\n")).toHaveLength(2);
    });

    it("unreadable files, bad JSON and bad options: exit 2", async () => {
      expect(await cli(["apply", "-f", path.join(dir, "nope.json")])).toMatchObject({ code: 2, stderr: expect.stringContaining("no such file") });
      expect(await cli(["apply", "-f", writeFile("bad.json", "{ not json")])).toMatchObject({ code: 2, stderr: expect.stringContaining("not valid JSON") });
      expect(await cli(["apply", "-f", writeFile("nameless.json", { graph: wordCountTemplate() })])).toMatchObject({ code: 2, stderr: expect.stringContaining("name") });
      expect(await cli(["deploy", pipelineName, "--from", "yesterday"])).toMatchObject({ code: 2, stderr: expect.stringContaining("ISO 8601") });
      expect((await cli(["apply"])).code).toBe(2);
      expect((await cli(["frobnicate"])).code).toBe(2);
    });

    it("stop when nothing runs: exit 5", async () => {
      const run = await cli(["stop", pipelineName]);
      expect(run.code).toBe(5);
      expect(run.stderr).toContain("not deployed");
    });

    it("an unreachable app: exit 6", async () => {
      const run = await cli(["list"], { STREAMLINE_URL: "http://127.0.0.1:9" });
      expect(run.code).toBe(6);
      expect(run.stderr).toContain("Cannot reach Streamline at http://127.0.0.1:9");
    });
  });
});
