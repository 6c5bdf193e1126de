import type { PipelineDocument } from "@/engine/graph";
import type {
  ApiErrorBody,
  CreatePipelineInput,
  DashboardRow,
  DeployInput,
  PipelineDetail,
  PreviewResult,
  RenamePipelineInput,
  SavePipelineInput,
} from "./api-types";
import { ApiError } from "./api-error";

/** Every pipeline with its deployment and live numbers, most recently updated first. */
export async function getDashboard(signal?: AbortSignal): Promise<DashboardRow[]> {
  const body = await request<{ pipelines: DashboardRow[] }>("GET", "/api/dashboard", { signal });
  return body.pipelines;
}

/** Creates a pipeline with its first version. */
export async function createPipeline(input: CreatePipelineInput): Promise<PipelineDetail> {
  const body = await request<{ pipeline: PipelineDetail }>("POST", "/api/pipelines", { json: input });
  return body.pipeline;
}

/** Reads a pipeline with its latest graph. */
export async function getPipeline(id: string, signal?: AbortSignal): Promise<PipelineDetail> {
  const body = await request<{ pipeline: PipelineDetail }>("GET", pipelinePath(id), { signal });
  return body.pipeline;
}

/** Saves a new immutable version of a pipeline's graph. */
export async function savePipeline(id: string, input: SavePipelineInput): Promise<PipelineDetail> {
  const body = await request<{ pipeline: PipelineDetail }>("PUT", pipelinePath(id), { json: input });
  return body.pipeline;
}

/** Renames a pipeline or changes its description without creating a version. */
export async function renamePipeline(id: string, input: RenamePipelineInput): Promise<PipelineDetail> {
  const body = await request<{ pipeline: PipelineDetail }>("PATCH", pipelinePath(id), { json: input });
  return body.pipeline;
}

/** Deletes a pipeline and all its versions. */
export async function deletePipeline(id: string): Promise<void> {
  await request<void>("DELETE", pipelinePath(id));
}

/**
 * Runs `graph` (a draft, saved or not) on the latest records of its source topics without
 * deploying it. A graph with problems is refused with a 422 carrying them.
 */
export async function previewPipeline(id: string, graph: PipelineDocument, signal?: AbortSignal): Promise<PreviewResult> {
  const body = await request<{ preview: PreviewResult }>("POST", `${pipelinePath(id)}/preview`, { json: { graph }, signal });
  return body.preview;
}

/** Deploys the latest saved version. The editor and monitor go through `useDeploymentStatus`; the dashboard rows through this. */
export async function deployPipeline(id: string, input: DeployInput = {}): Promise<void> {
  await request<unknown>("POST", `${pipelinePath(id)}/deploy`, { json: input });
}

/** Stops the pipeline's deployment, keeping its offsets and state. */
export async function stopPipeline(id: string): Promise<void> {
  await request<unknown>("POST", `${pipelinePath(id)}/stop`);
}

function pipelinePath(id: string): string {
  return `/api/pipelines/${encodeURIComponent(id)}`;
}

/**
 * One call to the Streamline API from the browser: JSON in and out, errors as `ApiError`.
 * A 401 means the session ended (expired, signed out elsewhere, user disabled): the
 * browser goes to the sign-in page and comes back here afterwards.
 */
export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  { json, signal }: { json?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    try {
      response = await fetch(path, {
        method,
        signal,
        cache: "no-store",
        headers: json === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: "NETWORK", message: "Cannot reach the Streamline server. Check that it is running." });
    }
    // 503 `busy`: the database did not get to it and nothing was written, so trying again is safe.
    if (response.status !== 503 || attempt >= busyAttempts) break;
    await waitFor(retryAfterMs(response.headers.get("retry-after")), signal);
  }
  if (response.status === 401 && typeof window !== "undefined" && !window.location.pathname.startsWith("/login")) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (response.ok) return body as T;
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  throw new ApiError({
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    details: error?.details,
  });
}

/** How many times a request answered 503 (busy) is sent in all. */
const busyAttempts = 4;

/** The wait a `Retry-After` header in seconds asks for, between 0.2 and 5 s (1 s when absent). */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header ?? 1);
  return Math.min(5_000, Math.max(200, (Number.isFinite(seconds) ? seconds : 1) * 1000));
}

function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
