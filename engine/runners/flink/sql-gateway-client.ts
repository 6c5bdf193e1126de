/**
 * A small client for Flink's SQL Gateway REST API (v1 paths, served by Flink
 * 1.16+): open a session, run statements one by one, read the job id an
 * INSERT starts. Uses the global `fetch`; no Flink dependency.
 */

export class FlinkSqlError extends Error {
  constructor(
    message: string,
    /** The statement that failed, when one did. */
    readonly statement?: string,
  ) {
    super(message);
    this.name = "FlinkSqlError";
  }
}

export type StatementResult = { jobId: string | null; columns: string[]; rows: unknown[][] };

type ResultPage = {
  resultType?: "NOT_READY" | "PAYLOAD" | "EOS";
  jobID?: string;
  nextResultUri?: string | null;
  results?: { columns?: { name: string }[]; data?: { kind: string; fields: unknown[] }[] };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The useful part of a gateway error: the server answers a failed statement
 * with a Java stack trace, whose deepest "Caused by:" line says what is wrong
 * ("SQL parse failed. Encountered ...", "Object 'x' not found").
 */
export function gatewayErrorMessage(body: string): string {
  let errors: string[] = [];
  try {
    errors = (JSON.parse(body) as { errors?: string[] }).errors ?? [];
  } catch {
    return body.slice(0, 500);
  }
  const text = errors.join("\n");
  const causes = [...text.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1]!.trim());
  const deepest = causes.at(-1) ?? errors.find((e) => !e.startsWith("Internal server error")) ?? errors[0] ?? "unknown error";
  return deepest.replace(/^[\w.$]+(Exception|Error): /, "").slice(0, 1000);
}

export class SqlGatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 60_000,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, statement?: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new FlinkSqlError(`Cannot reach the Flink SQL Gateway at ${this.baseUrl}: ${error instanceof Error ? error.message : String(error)}`, statement);
    }
    const text = await res.text();
    if (!res.ok) throw new FlinkSqlError(gatewayErrorMessage(text), statement);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Opens a session; `properties` are session-level configuration. */
  async openSession(name: string, properties: Record<string, string> = {}): Promise<string> {
    const { sessionHandle } = await this.call<{ sessionHandle: string }>("POST", "/v1/sessions", { sessionName: name, properties });
    return sessionHandle;
  }

  async closeSession(session: string): Promise<void> {
    await this.call("DELETE", `/v1/sessions/${session}`).catch(() => undefined);
  }

  /**
   * Runs one statement and waits for its first complete result: for SET and
   * CREATE that is "OK", for an INSERT the id of the job it submitted, for a
   * bounded SELECT its rows (at most `maxRows`).
   */
  async execute(session: string, statement: string, options: { timeoutMs?: number; maxRows?: number } = {}): Promise<StatementResult> {
    const { operationHandle } = await this.call<{ operationHandle: string }>("POST", `/v1/sessions/${session}/statements`, { statement }, statement);
    try {
      return await this.readResult(session, operationHandle, statement, options);
    } catch (error) {
      await this.call("DELETE", `/v1/sessions/${session}/operations/${operationHandle}/close`).catch(() => undefined);
      throw error;
    }
  }

  private async readResult(session: string, operationHandle: string, statement: string, options: { timeoutMs?: number; maxRows?: number }): Promise<StatementResult> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    const maxRows = options.maxRows ?? 10_000;
    let next: string | null = `/v1/sessions/${session}/operations/${operationHandle}/result/0?rowFormat=JSON`;
    const result: StatementResult = { jobId: null, columns: [], rows: [] };
    while (next) {
      if (Date.now() > deadline) throw new FlinkSqlError(`The statement did not finish within ${(options.timeoutMs ?? 120_000) / 1000} s`, statement);
      const page: ResultPage = await this.call<ResultPage>("GET", next, undefined, statement);
      if (page.jobID) result.jobId = page.jobID;
      if (page.results?.columns?.length) result.columns = page.results.columns.map((c) => c.name);
      for (const row of page.results?.data ?? []) if (result.rows.length < maxRows) result.rows.push(row.fields);
      if (page.resultType === "EOS" || result.rows.length >= maxRows) break;
      // An INSERT's result is its job id: once known there is nothing more to wait for.
      if (result.jobId && page.resultType === "PAYLOAD" && result.columns.includes("job id")) break;
      if (page.resultType === "NOT_READY" || (page.results?.data?.length ?? 0) === 0) await sleep(150);
      next = page.nextResultUri ?? null;
    }
    if (!result.jobId && result.columns.includes("job id") && typeof result.rows[0]?.[0] === "string") result.jobId = result.rows[0][0] as string;
    // An operation holds its session's operation lock until it is closed (a SELECT until all its rows are
    // read), and the gateway waits for that lock on a shared network thread: close it, or the next
    // statement would stall the gateway for every session.
    await this.call("DELETE", `/v1/sessions/${session}/operations/${operationHandle}/close`).catch(() => undefined);
    return result;
  }

  /** Runs statements in order in one session; a failing statement stops the rest. */
  async executeAll(session: string, statements: readonly string[]): Promise<StatementResult[]> {
    const results: StatementResult[] = [];
    for (const statement of statements) results.push(await this.execute(session, statement));
    return results;
  }
}
