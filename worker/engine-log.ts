import pino from "pino";
import type { LogLevel } from "@/engine/kafka/kafkajs-log";

/** Fields a log line may carry, so an operator can filter one pipeline, deployment or node. */
export type LogFields = { pipeline?: string; deployment?: string; node?: string; [key: string]: unknown };

/** The engine's log: one function per level, each taking a message and optional fields. */
export type EngineLog = Record<LogLevel, (message: string, fields?: LogFields) => void>;

/**
 * The engine process's structured log (pino): one JSON line per event on
 * stdout with `level`, `time` (ISO), `msg` and the `pipeline`, `deployment`
 * and `node` fields where they apply. LOG_LEVEL sets the threshold (default
 * `info`; `debug` shows the expected Kafka retries too).
 */
export function createEngineLog(level = process.env.LOG_LEVEL ?? "info"): EngineLog {
  const logger = pino({ level, base: { service: "engine" }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });
  const at = (name: LogLevel) => (message: string, fields?: LogFields) => (fields ? logger[name](fields, message) : logger[name](message));
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
