import { readFileSync, writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { describeDiff, type DocumentDiff } from "../engine/graph/diff-documents";
import type { DeployPlan } from "../engine/deployments/deploy-plan";
import { CliApi } from "./cli-api";
import { loadConfig } from "./cli-config";
import { CliError, exitCodes } from "./cli-error";

/**
 * `streamline`: pipelines as code against a running Streamline app. See
 * docs/cli.md. Output for people on stdout, errors on stderr, and exit
 * codes from cli-error.ts.
 */

type ImportResult = { action: "create" | "update" | "none"; diff: DocumentDiff; description: { before: string; after: string } | null; pipeline: { id: string; name: string; version: number } | null };
type Deployment = { id: string; version: number; status: string; desiredState: string; runtime: string; error: string | null; createdAt: string };

/** Where the CLI writes and which environment it reads; the process's own unless a test runs it in-process. */
export type CliIo = { env: NodeJS.ProcessEnv; stdout: (text: string) => void; stderr: (text: string) => void };

let io: CliIo = { env: process.env, stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) };
const out = (line = ""): void => io.stdout(`${line}\n`);
const api = () => new CliApi(loadConfig(io.env));

function readPipelineFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`, exitCodes.invalid);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, exitCodes.invalid);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new CliError(`${file} must hold a JSON object with name and graph ('streamline export <name>' writes one)`, exitCodes.invalid);
  return parsed as Record<string, unknown>;
}

/** `--from`: earliest, latest, an ISO 8601 date-time or epoch milliseconds. */
function parseFrom(value: string): unknown {
  if (value === "earliest" || value === "latest") return { from: value };
  if (/^\d+$/.test(value)) return { from: "timestamp", timestamp: Number(value) };
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return { from: "timestamp", timestamp: value };
  throw new InvalidArgumentError("use earliest, latest, an ISO 8601 date-time (2026-12-02T10:32:00Z) or epoch milliseconds");
}

function parseVersion(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError("a version is a positive whole number");
  return Number(value);
}

function printPlan(plan: DeployPlan): void {
  out(`Deploy plan for v${plan.version}${plan.previousVersion ? ` (replacing v${plan.previousVersion})` : " (first deployment)"}${plan.reset ? ", all state reset" : ""}:`);
  for (const node of plan.stateful) out(`  state  ${node.label} [${node.nodeId}]: ${node.state.toUpperCase()} – ${node.reason}`);
  for (const node of plan.removed) out(`  state  ${node.label} [${node.nodeId}]: DROPPED – not in v${plan.version}`);
  for (const source of plan.sources) out(`  source ${source.nodeId}: ${source.description}`);
  for (const warning of plan.warnings) out(`  ! ${warning}`);
}

const rate = (value: number | undefined) => (value === undefined ? "–" : `${value.toFixed(1)}/s`);

export function buildProgram(): Command {
  const program = new Command("streamline")
    .description("Pipelines as code for Streamline. Auth: STREAMLINE_TOKEN and STREAMLINE_URL, or ~/.config/streamline/config.json (STREAMLINE_CONFIG).")
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .exitOverride();

  program
    .command("list")
    .description("list pipelines with their version and deployment status")
    .action(async () => {
      const { pipelines } = await api().call<{ pipelines: { name: string; version: number; deployment: Deployment | null; live: { rateIn: number } | null }[] }>("GET", "/api/dashboard");
      if (pipelines.length === 0) return out("No pipelines yet.");
      for (const p of pipelines) {
        const deployed = p.deployment ? `${p.deployment.desiredState === "running" ? p.deployment.status : "stopped"} (v${p.deployment.version})` : "not deployed";
        out(`${p.name}\tv${p.version}\t${deployed}${p.live ? `\t${rate(p.live.rateIn)} in` : ""}`);
      }
    });

  program
    .command("export <name>")
    .description("write the pipeline (name, description, graph) as JSON, to stdout or a file")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (name: string, options: { output?: string }) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const file = await client.call<unknown>("GET", `/api/pipelines/${encodeURIComponent(pipeline.id)}/export`);
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (options.output) {
        writeFileSync(options.output, text);
        io.stderr(`Wrote ${pipeline.name} (v${pipeline.version}) to ${options.output}\n`);
      } else io.stdout(text);
    });

  program
    .command("apply")
    .description("create or update the pipeline named in the file; no new version when nothing changed")
    .requiredOption("-f, --file <file>", "a pipeline file (as written by export)")
    .option("-m, --message <message>", "the message of the new version")
    .action(async (options: { file: string; message?: string }) => {
      const body = { ...readPipelineFile(options.file), ...(options.message ? { message: options.message } : {}) };
      const result = await api().call<ImportResult>("POST", "/api/pipelines/import", body);
      const p = result.pipeline!;
      if (result.action === "create") out(`Created ${p.name} (v${p.version})`);
      else if (result.action === "none") out(`${p.name} is unchanged (v${p.version})`);
      else out(`Updated ${p.name} (now v${p.version})`);
      for (const line of describeDiff(result.diff)) if (result.action === "update") out(`  ${line}`);
    });

  program
    .command("diff")
    .description("show what apply would change; exit code 1 when something would")
    .requiredOption("-f, --file <file>", "a pipeline file")
    .action(async (options: { file: string }) => {
      const result = await api().call<ImportResult>("POST", "/api/pipelines/import", { ...readPipelineFile(options.file), dryRun: true });
      const name = String(readPipelineFile(options.file).name);
      if (result.action === "none") return out(`No changes: ${name} matches its latest version.`);
      out(result.action === "create" ? `${name} does not exist yet; apply would create it:` : `apply would save a new version of ${name}:`);
      for (const line of describeDiff(result.diff)) out(`  ${line}`);
      if (result.description) out(`  ~ description: ${JSON.stringify(result.description.before)} → ${JSON.stringify(result.description.after)}`);
      throw new CliError("", exitCodes.changes);
    });

  program
    .command("deploy <name>")
    .description("deploy the latest (or a chosen) version, showing the deploy plan")
    .option("--version <n>", "the version to deploy", parseVersion)
    .option("--from <position>", "replay the sources from earliest, latest, an ISO 8601 time or epoch ms", parseFrom)
    .option("--reset", "start with empty state and fresh offsets")
    .option("--runtime <runtime>", "embedded (default) or flink")
    .option("--dry-run", "show the deploy plan without deploying")
    .action(async (name: string, options: { version?: number; from?: unknown; reset?: boolean; runtime?: string; dryRun?: boolean }) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const body = { version: options.version, startAt: options.from, reset: options.reset, runtime: options.runtime, dryRun: options.dryRun };
      const result = await client.call<{ deployment: Deployment | null; plan: DeployPlan }>("POST", `/api/pipelines/${encodeURIComponent(pipeline.id)}/deploy`, body);
      printPlan(result.plan);
      if (result.deployment) out(`Deployed ${pipeline.name} v${result.deployment.version} (deployment ${result.deployment.id}, ${result.deployment.status})`);
      else out("Dry run: nothing deployed.");
    });

  program
    .command("stop <name>")
    .description("stop the pipeline's deployment, keeping offsets and state")
    .action(async (name: string) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const { deployment } = await client.call<{ deployment: Deployment }>("POST", `/api/pipelines/${encodeURIComponent(pipeline.id)}/stop`);
      out(`Stopping ${pipeline.name} v${deployment.version} (${deployment.status})`);
    });

  program
    .command("status <name>")
    .description("the deployment's status and live rates")
    .action(async (name: string) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const { pipelines } = await client.call<{ pipelines: { id: string; version: number; deployment: Deployment | null; live: { rateIn: number; rateOut: number; errors: number; lag: number | null } | null }[] }>("GET", "/api/dashboard");
      const row = pipelines.find((p) => p.id === pipeline.id);
      const d = row?.deployment;
      out(`${pipeline.name}: latest version v${pipeline.version}`);
      if (!d) return out("  not deployed");
      out(`  deployment ${d.id}: v${d.version} on ${d.runtime}, ${d.desiredState === "running" ? d.status : `stopped (${d.status})`}${d.error ? ` – ${d.error}` : ""}`);
      const live = row?.live;
      out(live ? `  in ${rate(live.rateIn)} · out ${rate(live.rateOut)} · errors ${live.errors} · lag ${live.lag ?? "–"}` : "  no live numbers (not running, or the engine has not reported yet)");
    });

  program
    .command("logs <name>")
    .description("the pipeline's deployment events, oldest first")
    .action(async (name: string) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const { events } = await client.call<{ events: { at: string; event: string; message: string }[] }>("GET", `/api/pipelines/${encodeURIComponent(pipeline.id)}/deployments`);
      if (events.length === 0) return out(`${pipeline.name} was never deployed.`);
      for (const e of events) out(`${e.at}  ${e.event.padEnd(8)} ${e.message}`);
    });

  program
    .command("versions <name>")
    .description("the pipeline's versions: number, time, author, message, which is deployed")
    .action(async (name: string) => {
      const client = api();
      const pipeline = await client.pipelineByName(name);
      const { versions } = await client.call<{ versions: { version: number; createdAt: string; author: string; message: string; deployed: { since: string } | null }[] }>("GET", `/api/pipelines/${encodeURIComponent(pipeline.id)}/versions`);
      for (const v of versions) out(`v${v.version}\t${v.createdAt}\t${v.author || "–"}\t${v.message}${v.deployed ? `\t(deployed since ${v.deployed.since})` : ""}`);
    });

  return program;
}

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can run it in-process with their own `io`. */
export async function runCli(argv: string[], runIo: CliIo = io): Promise<number> {
  io = runIo;
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CliError) {
      if (error.message) io.stderr(`streamline: ${error.message}\n`);
      for (const line of error.lines) io.stderr(`${line}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0 ? exitCodes.ok : exitCodes.invalid;
    io.stderr(`streamline: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.unavailable;
  }
}
