import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { CliError, exitCodes } from "./cli-error";

/** Where the CLI talks to and as whom. */
export type CliConfig = { url: string; token: string };

/** The config file read when STREAMLINE_CONFIG does not name another: `{ "url": "...", "token": "..." }`. */
export const defaultConfigPath = () => path.join(homedir(), ".config", "streamline", "config.json");

/**
 * Resolves the API address and token: the environment (STREAMLINE_URL,
 * STREAMLINE_TOKEN) wins over the config file (STREAMLINE_CONFIG or
 * ~/.config/streamline/config.json); the URL defaults to http://localhost:3000.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const file = env.STREAMLINE_CONFIG ?? defaultConfigPath();
  let fromFile: Partial<CliConfig> = {};
  try {
    fromFile = JSON.parse(readFileSync(file, "utf8")) as Partial<CliConfig>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (!missing || env.STREAMLINE_CONFIG) throw new CliError(`Cannot read the config file ${file}: ${missing ? "it does not exist" : (error as Error).message}`, exitCodes.invalid);
  }
  const token = env.STREAMLINE_TOKEN ?? fromFile.token;
  if (!token) {
    throw new CliError(`No API token: set STREAMLINE_TOKEN or put { "url": "...", "token": "..." } in ${file} (create a token under Settings → API tokens)`, exitCodes.auth);
  }
  const url = (env.STREAMLINE_URL ?? fromFile.url ?? "http://localhost:3000").replace(/\/+$/, "");
  return { url, token };
}
