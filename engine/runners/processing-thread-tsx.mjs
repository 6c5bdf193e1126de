// A processing thread started from the TypeScript sources (tests, `tsx`): a
// worker's entry module loads before `--import` hooks apply, so this plain
// module registers tsx and then imports the real program (workerData.entry).
// The bundled engine starts .cache/engine/processing-thread.mjs directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
