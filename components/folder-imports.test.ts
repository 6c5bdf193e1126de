import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folders of components/ import one another in one direction only: screens
 * (editor, monitor, pipelines, settings) use shared pieces (graph, live, canvas, inspector,
 * auth, ui), never the other way round, and no two folders import each other, even
 * through a third. Type-only imports count: they tie folders together just the same.
 */

const components = path.resolve(import.meta.dirname);

function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of readdirSync(components)) {
    const dir = path.join(components, folder);
    if (!statSync(dir).isDirectory()) continue;
    const targets = new Set<string>();
    for (const file of readdirSync(dir, { recursive: true }).map(String)) {
      if (!/\.(ts|tsx)$/.test(file)) continue;
      const text = readFileSync(path.join(dir, file), "utf8");
      for (const match of text.matchAll(/from\s+"@\/components\/([^/"]+)\//g)) if (match[1] !== folder) targets.add(match[1]!);
    }
    graph.set(folder, targets);
  }
  return graph;
}

/** One cycle of folders, as a path that starts and ends at the same folder, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === "done") return null;
    if (state.get(folder) === "open") return [...stack.slice(stack.indexOf(folder)), folder];
    state.set(folder, "open");
    stack.push(folder);
    for (const target of graph.get(folder) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(folder, "done");
    return null;
  };
  for (const folder of graph.keys()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return null;
}

describe("components/ folders", () => {
  it("import one another without loops", () => {
    expect(findCycle(folderImports())).toBeNull();
  });

  it("finds a loop when there is one (the check itself)", () => {
    const looped = new Map([
      ["canvas", new Set(["graph"])],
      ["graph", new Set(["ui", "live"])],
      ["live", new Set(["canvas"])],
      ["ui", new Set<string>()],
    ]);
    expect(findCycle(looped)).toEqual(["canvas", "graph", "live", "canvas"]);
  });

  it("keeps the shared pieces free of the screens", () => {
    const graph = folderImports();
    for (const shared of ["graph", "live", "ui", "canvas"]) {
      for (const screen of ["editor", "monitor", "pipelines", "settings"]) expect(graph.get(shared)?.has(screen), `${shared} imports ${screen}`).toBe(false);
    }
  });
});
