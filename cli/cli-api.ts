import type { CliConfig } from "./cli-config";
import { CliError, exitCodes } from "./cli-error";

type Problem = { message: string; nodeId?: string; edgeId?: string; field?: string };
type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };

/** The Streamline API as the CLI calls it: JSON over HTTP with a bearer token; failures become CliErrors with their exit code. */
export class CliApi {
  constructor(private readonly config: CliConfig) {}

  async call<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.config.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.config.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new CliError(`Cannot reach Streamline at ${this.config.url}${cause ? ` (${cause})` : ""}; check STREAMLINE_URL`, exitCodes.unavailable);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(`Streamline at ${this.config.url} answered ${response.status} with something that is not JSON; is STREAMLINE_URL the app's address?`, exitCodes.unavailable);
    }
    if (response.ok) return parsed as T;
    throw toCliError(response.status, (parsed as ErrorBody | null)?.error);
  }

  /** The pipeline with this exact name, or a not-found error that says how to list them. */
  async pipelineByName(name: string): Promise<{ id: string; name: string; version: number; description: string }> {
    const { pipelines } = await this.call<{ pipelines: { id: string; name: string; version: number; description: string }[] }>("GET", "/api/pipelines");
    const found = pipelines.find((p) => p.name === name);
    if (!found) {
      const near = pipelines.filter((p) => p.name.toLowerCase() === name.toLowerCase()).map((p) => p.name);
      throw new CliError(`No pipeline named '${name}'${near.length ? ` (did you mean '${near[0]}'?)` : ""}; 'streamline list' shows them`, exitCodes.notFound);
    }
    return found;
  }
}

function toCliError(status: number, error: ErrorBody["error"]): CliError {
  const message = error?.message ?? `HTTP ${status}`;
  const problems = Array.isArray(error?.details) ? (error.details as Problem[]) : [];
  const lines = problems.filter((p) => p && typeof p.message === "string").map((p) => `  - ${p.nodeId ? `node ${p.nodeId}${p.field ? ` (${p.field})` : ""}: ` : p.edgeId ? `edge ${p.edgeId}: ` : ""}${p.message}`);
  if (status === 401) return new CliError(`The API refused the token: ${message}. Check STREAMLINE_TOKEN (or the config file) and that the token is not revoked`, exitCodes.auth);
  if (status === 403) return new CliError(`Not allowed: ${message}`, exitCodes.auth);
  if (status === 404) return new CliError(message, exitCodes.notFound);
  if (status === 409) return new CliError(message, exitCodes.conflict);
  if (status >= 500) return new CliError(`Streamline failed on its side (${status}): ${message}`, exitCodes.unavailable);
  return new CliError(message, exitCodes.invalid, lines);
}
