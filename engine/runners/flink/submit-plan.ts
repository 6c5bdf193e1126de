import { planStatements, type FlinkPlan } from "./compile-pipeline";
import { FlinkSqlError, SqlGatewayClient } from "./sql-gateway-client";

/**
 * Submits a compiled plan through the SQL Gateway: one session, the SET and
 * CREATE statements in order, then the INSERT, whose result is the id of the
 * Flink job it started. The session is closed afterwards; the job runs on in
 * the cluster. Throws {@link FlinkSqlError} naming the statement that failed.
 */
export async function submitPlan(gatewayUrl: string, plan: FlinkPlan, sessionName: string): Promise<{ jobId: string }> {
  const gateway = new SqlGatewayClient(gatewayUrl);
  const session = await gateway.openSession(sessionName);
  try {
    let jobId: string | null = null;
    for (const statement of planStatements(plan)) {
      const result = await gateway.execute(session, statement);
      if (result.jobId) jobId = result.jobId;
    }
    if (!jobId) throw new FlinkSqlError("The SQL Gateway accepted the INSERT but returned no job id", plan.insert);
    return { jobId };
  } finally {
    await gateway.closeSession(session);
  }
}

/**
 * Plans a compiled pipeline on the cluster without running it (EXPLAIN of the
 * INSERT after the definitions): proves the generated SQL is valid Flink SQL.
 */
export async function explainPlan(gatewayUrl: string, plan: FlinkPlan): Promise<string> {
  const gateway = new SqlGatewayClient(gatewayUrl);
  const session = await gateway.openSession("streamline-explain");
  try {
    for (const statement of [...plan.settings.filter((s) => !s.includes("savepoint")), ...plan.definitions]) await gateway.execute(session, statement);
    // EXPLAIN takes a statement set without EXECUTE.
    const result = await gateway.execute(session, `EXPLAIN ${plan.insert.replace(/^EXECUTE STATEMENT SET/, "STATEMENT SET")}`);
    return String(result.rows[0]?.[0] ?? "");
  } finally {
    await gateway.closeSession(session);
  }
}
