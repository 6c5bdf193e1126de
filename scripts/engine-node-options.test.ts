import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { engineNodeOptions } from "./engine-node-options.mjs";

describe("engineNodeOptions", () => {
  it("passes ENGINE_MAX_OLD_SPACE_MB as --max-old-space-size", () => {
    expect(engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "192" })).toEqual(["--max-old-space-size=192"]);
    expect(engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: " 256 " })).toEqual(["--max-old-space-size=256"]);
  });

  it("adds nothing when the variable is unset or empty", () => {
    expect(engineNodeOptions({})).toEqual([]);
    expect(engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "" })).toEqual([]);
  });

  it("says what is wrong with a bad value", () => {
    expect(() => engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "200MB" })).toThrow('ENGINE_MAX_OLD_SPACE_MB must be a whole number of megabytes (for example 192), not "200MB"');
    expect(() => engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "-5" })).toThrow("whole number of megabytes");
    expect(() => engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "16" })).toThrow("between 64 and 1048576 (megabytes), not 16");
    expect(() => engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "268435456" })).toThrow("not 268435456");
  });

  it("is a limit Node applies", () => {
    const flags = engineNodeOptions({ ENGINE_MAX_OLD_SPACE_MB: "96" });
    const result = spawnSync(process.execPath, [...flags, "-e", "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"], { encoding: "utf8" });
    const limitMb = Number(result.stdout) / 2 ** 20;
    // V8's limit is the old generation plus the young generation's semi-spaces.
    expect(limitMb).toBeGreaterThanOrEqual(96);
    expect(limitMb).toBeLessThan(96 + 64);
  });
});
