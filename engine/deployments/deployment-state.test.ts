import { describe, expect, it } from "vitest";
import { canClaim, claim, claimableBy, displayStatus, fail, heartbeat, heartbeatStaleMs, isLive, letGo, release, requestStop, starting, stopping, type DeploymentState } from "./deployment-state";

const t0 = new Date("2026-12-02T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const row = (over: Partial<DeploymentState & { error: string | null }> = {}): DeploymentState & { error: string | null } => ({
  desiredState: "running",
  status: "starting",
  ownerId: null,
  leaseUntil: null,
  heartbeatAt: null,
  createdAt: t0,
  error: null,
  ...over,
});

describe("the deployment state machine", () => {
  describe("claiming", () => {
    it("lets an engine claim a deployment that should run and nobody holds", () => {
      expect(canClaim(row(), "a", t0)).toBe(true);
      expect(claim("a", t0, 10_000)).toEqual({ ownerId: "a", leaseUntil: at(10_000), heartbeatAt: t0 });
    });

    it("refuses while another engine's lease lasts, and allows it once the lease lapsed", () => {
      const held = row({ ownerId: "a", leaseUntil: at(10_000) });
      expect(canClaim(held, "b", at(5_000))).toBe(false);
      expect(canClaim(held, "a", at(5_000))).toBe(true);
      expect(canClaim(held, "b", at(10_001))).toBe(true);
    });

    it("never claims a deployment that should be stopped", () => {
      expect(canClaim(row({ desiredState: "stopped" }), "a", t0)).toBe(false);
    });

    it("expresses the same rule as one conditional update", () => {
      expect(claimableBy("a", t0)).toEqual({ desiredState: "running", OR: [{ ownerId: null }, { ownerId: "a" }, { leaseUntil: { lt: t0 } }] });
    });

    it("starts the claimed run afresh, or keeps the start time of a run it resumes", () => {
      expect(starting(t0, false)).toEqual({ status: "starting", error: null, startedAt: t0 });
      expect(starting(t0, true)).toEqual({ status: "starting", error: null, startedAt: undefined });
    });
  });

  describe("heart-beating", () => {
    it("renews the lease while the run lives", () => {
      expect(heartbeat("running", null, at(1_000), 10_000, false)).toEqual({ status: "running", error: null, heartbeatAt: at(1_000), leaseUntil: at(11_000) });
      expect(heartbeat("degraded", "Kafka unreachable", at(1_000), 10_000, false)).toMatchObject({ status: "degraded", leaseUntil: at(11_000) });
    });

    it("keeps holding a failed run that has not ended (an embedded runner waits to be stopped)", () => {
      expect(heartbeat("failed", "bad plan", at(1_000), 10_000, false)).toEqual({ status: "failed", error: "bad plan", heartbeatAt: at(1_000), leaseUntil: at(11_000) });
    });

    it("releases the deployment when the run ended", () => {
      expect(heartbeat("failed", "boom", at(1_000), 10_000, true)).toEqual({ status: "failed", error: "boom", heartbeatAt: at(1_000), leaseUntil: null, ownerId: null, stoppedAt: at(1_000) });
    });
  });

  describe("stopping", () => {
    it("marks a held deployment stopping until its engine stopped it, then released", () => {
      expect(requestStop(row({ ownerId: "a" }), t0)).toEqual({ desiredState: "stopped", status: "stopping", stoppedAt: undefined });
      expect(stopping(at(100))).toEqual({ status: "stopping", heartbeatAt: at(100) });
      expect(release(null, at(500))).toEqual({ status: "stopped", error: null, stoppedAt: at(500), heartbeatAt: at(500), ownerId: null, leaseUntil: null });
    });

    it("stops a deployment nobody holds at once", () => {
      expect(requestStop(row(), t0)).toEqual({ desiredState: "stopped", status: "stopped", stoppedAt: t0 });
    });

    it("fails a deployment that cannot start, letting it go", () => {
      expect(fail("Version 3 is missing", t0)).toEqual({ status: "failed", error: "Version 3 is missing", ownerId: null, leaseUntil: null, heartbeatAt: t0 });
    });

    it("lets go of a run that goes on without the engine, leaving its status", () => {
      expect(letGo()).toEqual({ ownerId: null, leaseUntil: null });
    });
  });

  describe("what the app shows", () => {
    it("shows the engine's report while heartbeats arrive", () => {
      expect(displayStatus(row({ status: "degraded", error: "Kafka unreachable since …", heartbeatAt: t0 }), t0.getTime() + heartbeatStaleMs)).toEqual({ status: "degraded", error: "Kafka unreachable since …" });
    });

    it("shows unresponsive when a live deployment's heartbeats stop", () => {
      const shown = displayStatus(row({ status: "running", heartbeatAt: t0 }), t0.getTime() + heartbeatStaleMs + 1);
      expect(shown.status).toBe("unresponsive");
      expect(shown.error).toContain("has not reported since 2026-12-02T10:00:00.000Z");
    });

    it("waits three times as long for the first engine to pick a deployment up", () => {
      expect(displayStatus(row(), t0.getTime() + 2 * heartbeatStaleMs).status).toBe("starting");
      expect(displayStatus(row(), t0.getTime() + 3 * heartbeatStaleMs + 1).status).toBe("unresponsive");
    });

    it("never calls a finished deployment unresponsive", () => {
      expect(isLive("stopped")).toBe(false);
      expect(displayStatus(row({ status: "stopped", heartbeatAt: t0 }), t0.getTime() + 60_000).status).toBe("stopped");
    });
  });
});
