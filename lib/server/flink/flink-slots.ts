import "server-only";
import { FlinkRestClient } from "@/engine/runners/flink/flink-rest-client";
import { ApiError } from "../api/api-error";
import { flinkRestUrl, localClusterSlots } from "./flink-rest-url";

/** Task slots of the Flink cluster: all of them and those no job uses. */
export type FlinkSlots = { total: number; free: number; running: boolean };

/**
 * The cluster's task slots from the JobManager. The local cluster starts on
 * the first Flink deploy, so when it does not answer it offers what
 * scripts/flink.mjs will start; a remote cluster that does not answer is a 503.
 */
export async function flinkSlots(): Promise<FlinkSlots> {
  const { url, external } = flinkRestUrl();
  try {
    const overview = await new FlinkRestClient(url, 5_000).overview();
    return { total: overview["slots-total"], free: overview["slots-available"], running: true };
  } catch (error) {
    if (!external) return { total: localClusterSlots(), free: localClusterSlots(), running: false };
    throw new ApiError(503, "flink_unavailable", `The Flink cluster at ${url} does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
}
