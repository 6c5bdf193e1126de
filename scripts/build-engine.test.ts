import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildEngineProgram } from "./build-engine.mjs";

describe("the engine bundle", () => {
  it("loads kafkajs's replacements before kafkajs (an ESM bundle evaluates its external imports first)", { timeout: 120_000 }, async () => {
    // Inside the repository, so the external packages resolve from its node_modules.
    const dir = path.join(import.meta.dirname, "..", ".cache", `bundle-test-${process.pid}`);
    try {
      const program = await buildEngineProgram(path.join(import.meta.dirname, "fixtures", "print-kafkajs-patched.ts"), path.join(dir, "program.mjs"));
      const output = execFileSync(process.execPath, [program], { encoding: "utf8" });
      expect(JSON.parse(output.trim())).toEqual({ kafkajsPatched: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
