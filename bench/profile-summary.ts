// Summarises a V8 CPU profile (node --cpu-prof, or `npm run bench -- --profile`,
// which writes .cache/bench/profiles/*.cpuprofile): self time by function and
// by area (engine, expressions, kafkajs, node internals, GC, idle).
//   npx tsx bench/profile-summary.ts <file.cpuprofile | folder> [top]
// Given a folder, it summarises the largest profile in it (the main thread's).
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export function summarise(fileOrFolder: string, top = 30): string {
  const file = fs.statSync(fileOrFolder).isDirectory()
    ? fs
        .readdirSync(fileOrFolder)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => `${fileOrFolder}/${f}`)
        .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!
    : fileOrFolder;
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfMicros.set(profile.samples[i]!, (selfMicros.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

  const area = (url: string, name: string) => {
    if (name === "(idle)") return "idle";
    if (name === "(garbage collector)") return "garbage collector";
    if (name === "(program)") return "(program: native, unattributed)";
    if (url.includes("/node_modules/kafkajs/")) return "kafkajs";
    if (url.includes("/node_modules/@platformatic/")) return "@platformatic/kafka";
    if (url.includes("/engine/expr/")) return "engine/expr (expressions)";
    if (url.includes("/engine/")) return "engine (runtime, operators, runner)";
    if (url.includes("/bench/")) return "bench";
    if (url.startsWith("node:") || url === "") return "node internals / builtins";
    return "other";
  };
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(node_modules\/|engine\/|bench\/)/, "$1");
    const key = `${functionName || "(anonymous)"}  ${file}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + micros);
  }
  const pct = (micros: number) => `${((micros / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${file}: ${(total / 1e6).toFixed(1)} s sampled`, "", "self time by area:"];
  for (const [name, micros] of [...areas].sort((a, b) => b[1] - a[1])) lines.push(`  ${pct(micros)}  ${name}`);
  lines.push("", `top ${top} functions by self time:`);
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(micros)}  ${name}`);
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(summarise(file, Number(process.argv[3] ?? 30)));
}
