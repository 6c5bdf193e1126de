import { expect, type APIRequestContext } from "@playwright/test";

type SeededPipeline = { id: string; name: string; version: number };

/** Creates a pipeline through the API, as a draft so incomplete graphs are accepted. */
export async function seedPipeline(
  request: APIRequestContext,
  body: { name: string; description?: string; graph: unknown },
): Promise<SeededPipeline> {
  const response = await request.post("/api/pipelines", { data: { ...body, draft: true } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).pipeline as SeededPipeline;
}

/** Reads a pipeline with its latest graph through the API. */
export async function fetchPipeline(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/pipelines/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()).pipeline as {
    id: string;
    name: string;
    version: number;
    graph: { nodes: { id: string; type: string; data: Record<string, unknown> }[]; edges: { id: string; source: string; target: string; targetHandle?: string | null }[] };
    problems: { code: string; nodeId?: string }[];
  };
}

/** Deletes every pipeline, for specs about the empty list. The run's database is its own. */
export async function deleteAllPipelines(request: APIRequestContext) {
  const response = await request.get("/api/pipelines");
  const { pipelines } = (await response.json()) as { pipelines: { id: string }[] };
  for (const pipeline of pipelines) {
    expect((await request.delete(`/api/pipelines/${pipeline.id}`)).status()).toBe(204);
  }
}
