import { sampleDataResponse, type SampleDataInput, type SampleDataResult } from "@/lib/schemas/templates";
import { request } from "../api-client";

/** The templates API from the browser: the gallery's "Load sample data". */

export type { SampleDataInput, SampleDataResult };

/** Creates a template's input topics on the default cluster when missing and produces its sample records (editor). */
export async function loadSampleData(templateId: string, input: SampleDataInput): Promise<SampleDataResult> {
  return request("POST", `/api/templates/${encodeURIComponent(templateId)}/sample-data`, { json: input, schema: sampleDataResponse });
}
