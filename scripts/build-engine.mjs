#!/usr/bin/env node
// `npm run build:engine`: bundles the engine process (worker/engine-worker.ts and
// everything it imports from engine/ and lib/) into one plain Node program,
// .cache/engine/engine-worker.mjs, so it runs as `node .cache/engine/engine-worker.mjs`
// without tsx and without `--conditions=react-server`. npm packages stay
// external (imported from node_modules at run time). The "server-only" marker,
// which keeps server modules out of browser bundles, is an empty module here:
// the engine is a server process.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundle is written. */
export const engineBundle = path.join(root, ".cache", "engine", "engine-worker.mjs");

/** Builds the bundle; returns its path. */
export async function buildEngine() {
  await build({
    entryPoints: [path.join(root, "worker", "engine-worker.ts")],
    outfile: engineBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    plugins: [
      {
        name: "server-only",
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
        },
      },
    ],
  });
  return engineBundle;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = await buildEngine();
  console.log(`Built ${path.relative(process.cwd(), file)}`);
}
