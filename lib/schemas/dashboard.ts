import { z } from "zod";
import { deploymentView } from "./deployments";
import { pipelineSummary } from "./pipelines";

/** The dashboard's one request, `GET /api/dashboard`: every pipeline with its deployment and live numbers. */

/** The live part of a dashboard row: throughput of the pipeline's sources and sinks, errors and lag. */
export const dashboardLive = z.object({
  at: z.number(),
  /** Records per second read by the sources, last report and last minute. */
  rateIn: z.number(),
  rateIn1m: z.number(),
  /** Records per second written by the sinks. */
  rateOut: z.number(),
  errors: z.number(),
  lag: z.number(),
  /** Records per second read, one point per report, oldest first (up to 5 minutes). */
  sparkline: z.array(z.number()),
});

export const dashboardRow = pipelineSummary.extend({ deployment: deploymentView.nullable(), live: dashboardLive.nullable() });

export const dashboardResponse = z.object({ pipelines: z.array(dashboardRow) });

export type DashboardLive = z.infer<typeof dashboardLive>;
export type DashboardRow = z.infer<typeof dashboardRow>;
