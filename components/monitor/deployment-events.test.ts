import { describe, expect, it } from "vitest";
import type { DeploymentView } from "@/lib/client/use-deployment-status";
import { livePoint } from "@/components/graph/live-point-fixture";
import { deploymentEvents } from "./deployment-events";

const iso = (ms: number) => new Date(ms).toISOString();

function deployment(values: Partial<DeploymentView>): DeploymentView {
  return {
    id: "d1",
    version: 3,
    runtime: "embedded",
    guarantee: "exactly-once",
    desiredState: "running",
    status: "running",
    error: null,
    deadLetterTopic: "dlq",
    generation: 1,
    heartbeatAt: null,
    startedAt: null,
    stoppedAt: null,
    createdAt: iso(1_000),
    stats: null,
    flink: null,
    ...values,
  };
}

describe("deploymentEvents", () => {
  it("is empty with neither a deployment nor history", () => {
    expect(deploymentEvents(null, [])).toEqual([]);
  });

  it("tells the deployment's own story newest first: deployed, started, stopped", () => {
    const events = deploymentEvents(deployment({ startedAt: iso(2_000), stoppedAt: iso(9_000), status: "stopped", desiredState: "stopped" }), []);
    expect(events.map((event) => [event.kind, event.title, event.at])).toEqual([
      ["stopped", "Stopped", 9_000],
      ["running", "Started", 2_000],
      ["deployed", "Deployed v3", 1_000],
    ]);
    expect(events.at(-1)!.detail).toBe("exactly-once");
  });

  it("says why it failed, at the time it stopped or last reported", () => {
    expect(deploymentEvents(deployment({ status: "failed", error: "boom", heartbeatAt: iso(5_000) }), [])[0]).toEqual({ at: 5_000, kind: "failed", title: "Failed", detail: "boom" });
    expect(deploymentEvents(deployment({ status: "failed", error: "boom", stoppedAt: iso(6_000), heartbeatAt: iso(5_000) }), [])[0]!.at).toBe(6_000);
  });

  it("says when the engine stopped reporting", () => {
    const [first] = deploymentEvents(deployment({ status: "unresponsive", heartbeatAt: iso(4_000), error: "not since" }), []);
    expect(first).toMatchObject({ kind: "unresponsive", at: 4_000, detail: "not since" });
  });

  it("finds degraded and recovered periods and replaced versions in the telemetry", () => {
    const history = [
      livePoint(10_000, {}, { status: "starting" }),
      livePoint(11_000, {}, { status: "running" }),
      livePoint(12_000, {}, { status: "degraded" }),
      livePoint(13_000, {}, { status: "running" }),
      livePoint(14_000, {}, { deploymentId: "d2", version: 4 }),
    ];
    expect(deploymentEvents(null, history).map((event) => [event.kind, event.title, event.at])).toEqual([
      ["running", "Recovered", 13_000],
      ["replaced", "v1 replaced by v4", 13_000],
      ["degraded", "Degraded", 12_000],
    ]);
  });
});
