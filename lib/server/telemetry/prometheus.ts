import "server-only";
import { Gauge, Registry } from "prom-client";
import { getDb } from "../db/prisma";
import { getTelemetryHub } from "./telemetry-hub";

const holder = globalThis as unknown as { streamlineRegistry?: { registry: Registry; refresh: () => Promise<void> } };

/**
 * The Prometheus registry behind GET /metrics. Values are read from the
 * telemetry hub at scrape time, labelled with pipeline name and node id so
 * existing dashboards and alerts can use them.
 */
export async function renderPrometheus(): Promise<{ contentType: string; text: string }> {
  holder.streamlineRegistry ??= createRegistry();
  // Filled right before reading: prom-client reads metrics concurrently, so a collect()
  // hook on one gauge cannot fill the others in time.
  await holder.streamlineRegistry.refresh();
  const { registry } = holder.streamlineRegistry;
  return { contentType: registry.contentType, text: await registry.metrics() };
}

function createRegistry(): { registry: Registry; refresh: () => Promise<void> } {
  const registry = new Registry();
  const nodeLabels = ["pipeline_id", "pipeline", "node"] as const;
  const points = new Gauge({ name: "streamline_telemetry_points", help: "Pipelines with telemetry in the last 15 minutes", registers: [registry] });
  const refresh = async () => {
      for (const gauge of Object.values(gauges)) gauge.reset();
      const latest = getTelemetryHub().latestAll();
      const names = new Map((await (await getDb()).pipeline.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name]));
      for (const [pipelineId, point] of latest) {
        const pipeline = names.get(pipelineId);
        if (pipeline === undefined) continue;
        for (const [node, n] of Object.entries(point.nodes)) {
          const labels = { pipeline_id: pipelineId, pipeline, node };
          gauges.recordsIn.set(labels, n.recordsIn);
          gauges.recordsOut.set(labels, n.recordsOut);
          gauges.errors.set(labels, n.errors);
          gauges.rateIn.set(labels, n.rateIn);
          gauges.busy.set(labels, n.busy);
          if (n.latencyP50Ms !== null) gauges.latency.set({ ...labels, quantile: "0.5" }, n.latencyP50Ms);
          if (n.latencyP99Ms !== null) gauges.latency.set({ ...labels, quantile: "0.99" }, n.latencyP99Ms);
          if (n.stateKeys !== undefined) gauges.stateKeys.set(labels, n.stateKeys);
          if (n.stateBytes !== undefined) gauges.stateBytes.set(labels, n.stateBytes);
        }
        if (point.endToEndP50Ms !== null) gauges.endToEnd.set({ pipeline_id: pipelineId, pipeline, quantile: "0.5" }, point.endToEndP50Ms);
        if (point.endToEndP99Ms !== null) gauges.endToEnd.set({ pipeline_id: pipelineId, pipeline, quantile: "0.99" }, point.endToEndP99Ms);
        for (const p of point.lag) gauges.lag.set({ pipeline_id: pipelineId, pipeline, topic: p.topic, partition: String(p.partition) }, p.lag);
        gauges.up.set({ pipeline_id: pipelineId, pipeline, status: point.status }, point.status === "running" ? 1 : 0);
      }
      points.set(latest.size);
  };
  const gauges = {
    recordsIn: new Gauge({ name: "streamline_node_records_in_total", help: "Records into a node since its deployment started", labelNames: nodeLabels, registers: [registry] }),
    recordsOut: new Gauge({ name: "streamline_node_records_out_total", help: "Records out of a node since its deployment started", labelNames: nodeLabels, registers: [registry] }),
    errors: new Gauge({ name: "streamline_node_errors_total", help: "Records a node sent to the dead-letter topic", labelNames: nodeLabels, registers: [registry] }),
    rateIn: new Gauge({ name: "streamline_node_records_in_per_second", help: "Records per second into a node (last report)", labelNames: nodeLabels, registers: [registry] }),
    busy: new Gauge({ name: "streamline_node_busy_ratio", help: "Share of time a node spent processing (0-1)", labelNames: nodeLabels, registers: [registry] }),
    latency: new Gauge({ name: "streamline_node_processing_latency_ms", help: "Processing time per record in a node", labelNames: [...nodeLabels, "quantile"], registers: [registry] }),
    stateKeys: new Gauge({ name: "streamline_node_state_keys", help: "Keys in a stateful node's state", labelNames: nodeLabels, registers: [registry] }),
    stateBytes: new Gauge({ name: "streamline_node_state_bytes", help: "Approximate bytes of a stateful node's state", labelNames: nodeLabels, registers: [registry] }),
    endToEnd: new Gauge({ name: "streamline_end_to_end_latency_ms", help: "Record timestamp to sink write", labelNames: ["pipeline_id", "pipeline", "quantile"], registers: [registry] }),
    lag: new Gauge({ name: "streamline_consumer_lag", help: "Records behind the end of a source partition", labelNames: ["pipeline_id", "pipeline", "topic", "partition"], registers: [registry] }),
    up: new Gauge({ name: "streamline_deployment_running", help: "1 when the pipeline's deployment reports running", labelNames: ["pipeline_id", "pipeline", "status"], registers: [registry] }),
  };
  return { registry, refresh };
}
