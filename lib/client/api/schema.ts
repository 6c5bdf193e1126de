import { sampleSchemaResponse, type SampledSchemaView, type SampleSchemaBody } from "@/lib/schemas/topic-schema";
import { request } from "../api-client";

/** The schema-sampling API from the browser. */

export type { SampledFieldView, SampledSchemaView } from "@/lib/schemas/topic-schema";

/** Infers a source topic's record schema from its latest records (editors). */
export async function sampleSchema(input: SampleSchemaBody, signal?: AbortSignal): Promise<SampledSchemaView> {
  return (await request("POST", "/api/schema-samples", { json: input, signal, schema: sampleSchemaResponse })).schema;
}
