#!/usr/bin/env node
// The `streamline` command (package.json "bin"): runs the TypeScript CLI in cli/ through tsx.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../cli/streamline.ts");
process.exitCode = await runCli(process.argv.slice(2));
