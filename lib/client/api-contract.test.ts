import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser calls the API one way: components and pages call the functions of
 * `lib/client/api/`, which alone know URLs and call `request`, the one place with `fetch`.
 */

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return relative === path.join("app", "api") ? [] : sources(relative);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [relative] : [];
  });
}

const browserCode = [...sources("components"), ...sources("app"), ...sources("lib/client")];

describe("the browser's API contract", () => {
  it("has fetch in lib/client/api-client.ts only", () => {
    const callers = browserCode.filter((file) => /\bfetch\(/.test(readFileSync(path.join(root, file), "utf8")));
    expect(callers).toEqual([path.join("lib", "client", "api-client.ts")]);
  });

  it("spells API URLs only in lib/client/api/", () => {
    const spelling = browserCode.filter((file) => !file.startsWith(path.join("lib", "client", "api")) && /["'`]\/api\//.test(readFileSync(path.join(root, file), "utf8")));
    expect(spelling).toEqual([]);
  });

  it("lets only lib/client/api/ call request", () => {
    const importers = browserCode.filter((file) => !file.startsWith(path.join("lib", "client", "api") + path.sep) && /from "(@\/lib\/client|\.\.?)\/api-client"/.test(readFileSync(path.join(root, file), "utf8")));
    expect(importers).toEqual([]);
  });
});
