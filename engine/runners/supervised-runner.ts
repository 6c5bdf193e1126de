import { PlanError } from "../operators/shared/compile-node-expression";
import { isKafkaUnreachable } from "../kafka/kafkajs-log";
import { EmbeddedRunner, type RunnerOptions } from "./embedded-runner";

export type RunnerStatus = "starting" | "running" | "degraded" | "failed" | "stopped";

export type SupervisorHooks = {
  onStatus: (status: RunnerStatus, error: string | null) => void;
  log?: (message: string) => void;
};

const maxBackoffMs = 30_000;

/**
 * Keeps an EmbeddedRunner going: when it fails (Kafka unreachable, a broker
 * restart, an aborted transaction) the deployment shows as degraded and a
 * fresh runner starts after an exponential backoff, restoring state and
 * offsets from Kafka, so output is neither lost nor duplicated. A pipeline
 * that cannot be planned fails for good. Which process owns a deployment is
 * decided by the worker's lease in the database, not here.
 */
export class SupervisedRunner {
  private current: EmbeddedRunner | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly options: RunnerOptions,
    private readonly hooks: SupervisorHooks,
  ) {}

  /** The live runner's counters, if one is running. */
  get runner(): EmbeddedRunner | null {
    return this.current;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.current?.stop();
    await this.loop;
    this.hooks.onStatus("stopped", null);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let unreachableSince: Date | null = null;
    this.hooks.onStatus("starting", null);
    while (!this.stopping) {
      let runner: EmbeddedRunner;
      try {
        runner = new EmbeddedRunner(this.options);
      } catch (error) {
        this.hooks.onStatus("failed", error instanceof PlanError ? error.message : describe(error));
        return;
      }
      this.current = runner;
      const startedAt = Date.now();
      try {
        const crash = new Promise<never>((_, reject) => {
          this.wake = () => reject(new Error("stopping"));
          void runner.start((error) => reject(error)).then(
            () => {
              unreachableSince = null;
              if (!this.stopping) this.hooks.onStatus("running", null);
            },
            reject,
          );
        });
        await crash;
      } catch (error) {
        // A broker outage is named as such (the deployment shows `degraded: Kafka unreachable`), with when it began.
        unreachableSince = isKafkaUnreachable(error) ? (unreachableSince ?? new Date()) : null;
        const reason = unreachableSince ? `Kafka unreachable since ${unreachableSince.toISOString()}: ${describe(error)}` : describe(error);
        // Said at once: stopping a failed runner waits for its consumer to leave the group, which can take a while.
        if (!this.stopping) this.hooks.onStatus("degraded", `${reason} (stopping the failed runner)`);
        await runner.stop().catch(() => undefined);
        this.current = null;
        if (this.stopping) return;
        // A run that lasted a while was healthy: start the backoff over.
        if (Date.now() - startedAt > 60_000) attempt = 0;
        const delay = Math.min(maxBackoffMs, 500 * 2 ** attempt++);
        this.hooks.onStatus("degraded", `${reason} (retrying in ${Math.round(delay / 1000)} s)`);
        this.hooks.log?.(`runner failed: ${describe(error)}; retrying in ${delay} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
