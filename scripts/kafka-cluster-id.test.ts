import { describe, expect, it } from "vitest";

const { newClusterId } = (await import("./kafka.mjs" as string)) as { newClusterId: () => string };

describe("newClusterId", () => {
  it("makes 22-character URL-safe base64 ids that never start with '-' (kafka-storage would read one as an option)", () => {
    const ids = Array.from({ length: 5_000 }, () => newClusterId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    // About 1 in 64 random ids starts with '-'; 5,000 of them without one is no accident.
    expect(new Set(ids).size).toBe(ids.length);
  });
});
