import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import type { Role } from "@/lib/schemas/auth";
import { bearer, createTestAccount, sessionHeaders, testOrigin, type TestAccount } from "@/lib/server/auth/test-accounts";
import { createConnection } from "@/lib/server/connections/create-connection";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { deployPipeline } from "@/lib/server/deployments/deploy-pipeline";
import { stopPipeline } from "@/lib/server/deployments/stop-pipeline";
import { getStreamClient } from "@/lib/server/kafka/stream-client";
import { createTopics, uniqueName } from "@/engine/runners/kafka-test-kit";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { updateUser } from "@/lib/server/users/update-user";

/**
 * The route × caller matrix: every route handler under app/ (found on disk,
 * so a new route cannot be forgotten) is called by every kind of caller with
 * a request that would succeed for an allowed caller, and each answer is
 * compared with the policy below. An "unauthorized success" is a 2xx/3xx for
 * a caller the policy refuses. Allowed callers must succeed too, so a check
 * that refused everyone, or a request that failed for another reason, would
 * show here as well.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** "public": anyone; "public-origin": anyone, but only from the app's own origin (sign-in, setup). */
type Access = "public" | "public-origin" | { role: Role; sessionOnly?: boolean };

type Caller = {
  name: string;
  headers: Record<string, string>;
  /** Who the server should see: null for nobody (anonymous, bad token, forged cookie, disabled user). */
  principal: { role: Role; via: "session" | "token" } | null;
  /** Whether the request names the app's own origin. */
  goodOrigin: boolean;
  account?: TestAccount;
};

type Call = { params: Record<string, string>; path: string; body?: unknown; query?: string };
type RouteCase = { access: Access; ok: number[]; call: (caller: Caller) => Promise<Call> };

const appDir = path.join(process.cwd(), "app");
const methods: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

let counter = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${++counter}`;
const connectionFor = async () => (await createConnection({ name: unique("Cluster"), brokers: ["127.0.0.1:9092"], saslMechanism: "none", tls: false })).id;
const pipelineFor = async () => (await createPipeline({ name: unique("Matrix"), graph: wordCountTemplate() })).id;

let accounts: Record<"viewer" | "editor" | "admin" | "disabled" | "loginTarget", TestAccount>;
let revokedToken: string;
let userToPatch: string;

/** The policy: who may call what. Keys are route files relative to app/, then methods. */
const policy: Record<string, Partial<Record<Method, RouteCase>>> = {
  "api/auth/setup/route.ts": {
    GET: { access: "public", ok: [200], call: async () => ({ params: {}, path: "/api/auth/setup" }) },
    // Setup is done (accounts exist), so even an allowed caller gets 409: nobody may create a second "first admin".
    POST: { access: "public-origin", ok: [409], call: async () => ({ params: {}, path: "/api/auth/setup", body: { name: "Mallory", email: "mallory@example.test", password: "a long enough password" } }) },
  },
  "api/auth/login/route.ts": {
    POST: { access: "public-origin", ok: [200], call: async () => ({ params: {}, path: "/api/auth/login", body: { email: accounts.loginTarget.email, password: accounts.loginTarget.password } }) },
  },
  "api/auth/session/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: "/api/auth/session" }) } },
  "api/users/route.ts": {
    GET: { access: { role: "admin" }, ok: [200], call: async () => ({ params: {}, path: "/api/users" }) },
    POST: { access: { role: "admin" }, ok: [201], call: async () => ({ params: {}, path: "/api/users", body: { name: "New", email: `${unique("new").replace(/\W+/g, "-")}@example.test`, password: "a long enough password", role: "viewer" } }) },
  },
  "api/users/[id]/route.ts": {
    PATCH: { access: { role: "admin" }, ok: [200], call: async () => ({ params: { id: userToPatch }, path: `/api/users/${userToPatch}`, body: { name: unique("Renamed") } }) },
  },
  "api/tokens/route.ts": {
    GET: { access: { role: "viewer", sessionOnly: true }, ok: [200], call: async () => ({ params: {}, path: "/api/tokens" }) },
    POST: { access: { role: "viewer", sessionOnly: true }, ok: [201], call: async () => ({ params: {}, path: "/api/tokens", body: { name: unique("Token"), role: "viewer" } }) },
  },
  "api/tokens/[id]/route.ts": {
    DELETE: {
      access: { role: "viewer", sessionOnly: true },
      ok: [200],
      call: async (caller) => {
        // A token of the caller's own (or the admin's, for callers without an account), fresh for each call.
        const owner = caller.account ?? accounts.admin;
        const { token } = await createApiToken({ userId: owner.userId, email: owner.email, name: "owner", role: owner.role, via: "session" }, { name: unique("Doomed") });
        return { params: { id: token.id }, path: `/api/tokens/${token.id}` };
      },
    },
  },
  "api/connections/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: "/api/connections" }) },
    POST: { access: { role: "admin" }, ok: [201], call: async () => ({ params: {}, path: "/api/connections", body: { name: unique("Cluster"), brokers: ["127.0.0.1:9092"], saslMechanism: "plain", username: "u", password: "matrix secret" } }) },
  },
  "api/connections/[id]/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => withConnection(await connectionFor()) },
    PUT: { access: { role: "admin" }, ok: [200], call: async () => ({ ...withConnection(await connectionFor()), body: { brokers: ["localhost:9092"] } }) },
    DELETE: { access: { role: "admin" }, ok: [204], call: async () => withConnection(await connectionFor()) },
  },
  "api/audit/route.ts": { GET: { access: { role: "admin" }, ok: [200], call: async () => ({ params: {}, path: "/api/audit" }) } },
  "api/dashboard/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: "/api/dashboard" }) } },
  "metrics/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: "/metrics" }) } },
  "api/pipelines/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: "/api/pipelines" }) },
    POST: { access: { role: "editor" }, ok: [201], call: async () => ({ params: {}, path: "/api/pipelines", body: { name: unique("Created"), graph: wordCountTemplate() } }) },
  },
  "api/pipelines/[id]/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor()) },
    PUT: { access: { role: "editor" }, ok: [200], call: async () => ({ ...withPipeline(await pipelineFor()), body: { graph: wordCountTemplate(), message: "matrix" } }) },
    PATCH: { access: { role: "editor" }, ok: [200], call: async () => ({ ...withPipeline(await pipelineFor()), body: { description: "changed by the matrix" } }) },
    DELETE: { access: { role: "editor" }, ok: [204], call: async () => withPipeline(await pipelineFor()) },
  },
  "api/pipelines/[id]/versions/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/versions") } },
  "api/pipelines/[id]/versions/[version]/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => { const id = await pipelineFor(); return { params: { id, version: "1" }, path: `/api/pipelines/${id}/versions/1` }; } },
  },
  "api/pipelines/[id]/versions/[version]/restore/route.ts": {
    POST: { access: { role: "editor" }, ok: [201], call: async () => { const id = await pipelineFor(); return { params: { id, version: "1" }, path: `/api/pipelines/${id}/versions/1/restore`, body: {} }; } },
  },
  "api/pipelines/[id]/offsets/route.ts": {
    // Moves a stopped pipeline's offsets on the real broker.
    POST: {
      access: { role: "editor" },
      ok: [200],
      call: async () => {
        const id = await pipelineFor();
        await getStreamClient().ensureTopics([{ topic: "test" }]);
        await deployPipeline(id, {});
        await stopPipeline(id);
        return { ...withPipeline(id, "/offsets"), body: { startAt: { from: "latest" } } };
      },
    },
  },
  "api/pipelines/[id]/export/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/export") } },
  "api/pipelines/[id]/deployments/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/deployments") } },
  "api/pipelines/import/route.ts": { POST: { access: { role: "editor" }, ok: [201], call: async () => ({ params: {}, path: "/api/pipelines/import", body: { name: unique("Imported"), graph: wordCountTemplate() } }) } },
  "api/pipelines/[id]/status/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/status") } },
  "api/pipelines/[id]/dead-letters/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/dead-letters") } },
  "api/pipelines/[id]/live/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/live") } },
  "api/pipelines/[id]/deploy/route.ts": { POST: { access: { role: "editor" }, ok: [202], call: async () => ({ ...withPipeline(await pipelineFor(), "/deploy"), body: {} }) } },
  "api/pipelines/[id]/checkpoints/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withPipeline(await pipelineFor(), "/checkpoints") } },
  // Only a running Flink deployment can be rescaled: for a pipeline that is not deployed an allowed caller gets 409
  // (after authorization, which is what the matrix checks); the scale tests (worker/flink-scale.test.ts) cover the 202.
  "api/pipelines/[id]/rescale/route.ts": { POST: { access: { role: "editor" }, ok: [409], call: async () => ({ ...withPipeline(await pipelineFor(), "/rescale"), body: { parallelism: 2 } }) } },
  "api/pipelines/[id]/stop/route.ts": {
    POST: {
      access: { role: "editor" },
      ok: [202],
      call: async () => {
        const id = await pipelineFor();
        await deployPipeline(id, {});
        return withPipeline(id, "/stop");
      },
    },
  },
  "api/pipelines/[id]/preview/route.ts": {
    // A preview reads the broker; an allowed caller gets the preview, or 503 if Kafka cannot be read.
    POST: { access: { role: "editor" }, ok: [200, 503], call: async () => ({ ...withPipeline(await pipelineFor(), "/preview"), body: { perSource: 1 } }) },
  },
  "api/topics/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => ({ params: {}, path: `/api/topics?q=${await topicFor()}` }) },
    POST: { access: { role: "editor" }, ok: [201], call: async () => ({ params: {}, path: "/api/topics", body: { name: unique("matrix-topic").replace(/\W+/g, "-"), partitions: 1 } }) },
  },
  "api/topics/[name]/route.ts": { GET: { access: { role: "viewer" }, ok: [200], call: async () => withTopic(await topicFor()) } },
  "api/topics/[name]/messages/route.ts": {
    GET: { access: { role: "viewer" }, ok: [200], call: async () => withTopic(await topicFor(), "/messages?limit=1") },
    POST: { access: { role: "editor" }, ok: [201], call: async () => ({ ...withTopic(await topicFor(), "/messages"), body: { value: { matrix: true } } }) },
  },
  "api/topics/[name]/search/route.ts": { POST: { access: { role: "viewer" }, ok: [200], call: async () => ({ ...withTopic(await topicFor(), "/search"), body: { filter: "matrix = true", maxSeconds: 10 } }) } },
  "api/templates/[id]/sample-data/route.ts": {
    // Produces the template's sample records into a topic of the matrix's own.
    POST: { access: { role: "editor" }, ok: [201], call: async () => ({ params: { id: "filter-orders" }, path: "/api/templates/filter-orders/sample-data", body: { topics: { orders: await topicFor() } } }) },
  },
  "api/schema-samples/route.ts": {
    // Sampling reads the broker (an unknown topic is an empty sample); 503 if Kafka cannot be read.
    POST: { access: { role: "editor" }, ok: [200, 503], call: async () => ({ params: {}, path: "/api/schema-samples", body: { topic: "matrix-schema-sample", format: "json", perPartition: 1 } }) },
  },
  // Last: signing out ends the caller's session, so every other route has been called with it before.
  "api/auth/logout/route.ts": { POST: { access: { role: "viewer", sessionOnly: true }, ok: [204], call: async () => ({ params: {}, path: "/api/auth/logout" }) } },
};

/** One topic for the topic routes, created on first use. */
let matrixTopic: Promise<string> | null = null;
function topicFor(): Promise<string> {
  matrixTopic ??= (async () => {
    const name = uniqueName("matrix-topics");
    await createTopics([name], 1);
    return name;
  })();
  return matrixTopic;
}

function withTopic(name: string, suffix = ""): Call {
  return { params: { name }, path: `/api/topics/${name}${suffix}` };
}

function withConnection(id: string): Call {
  return { params: { id }, path: `/api/connections/${id}` };
}

function withPipeline(id: string, suffix = ""): Call {
  return { params: { id }, path: `/api/pipelines/${id}${suffix}` };
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [path.relative(appDir, full).split(path.sep).join("/")] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

function expectedAllowed(access: Access, method: Method, caller: Caller): boolean {
  if (access === "public") return true;
  if (access === "public-origin") return caller.goodOrigin;
  const principal = caller.principal;
  if (!principal) return false;
  if (access.sessionOnly && principal.via !== "session") return false;
  if (principal.via === "session" && method !== "GET" && !caller.goodOrigin) return false;
  const order: Role[] = ["viewer", "editor", "admin"];
  return order.indexOf(principal.role) >= order.indexOf(access.role);
}

describe("route × caller matrix", () => {
  let database: TestDatabase;
  let callers: Caller[];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    accounts = {
      viewer: await createTestAccount("viewer"),
      editor: await createTestAccount("editor"),
      admin: await createTestAccount("admin"),
      disabled: await createTestAccount("editor", "disabled"),
      loginTarget: await createTestAccount("viewer", "login-target"),
    };
    await updateUser(accounts.disabled.userId, { disabled: true });
    const revokedOwner = accounts.admin;
    const { token, secret } = await createApiToken({ userId: revokedOwner.userId, email: revokedOwner.email, name: "admin", role: "admin", via: "session" }, { name: "revoked" });
    await revokeApiToken({ userId: revokedOwner.userId, email: revokedOwner.email, name: "admin", role: "admin", via: "session" }, token.id);
    revokedToken = secret;
    userToPatch = (await createTestAccount("viewer", "patched")).userId;

    const origin = { origin: testOrigin };
    const middlewareBypass = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
    callers = [
      { name: "anonymous", headers: { ...origin }, principal: null, goodOrigin: true },
      { name: "anonymous with x-middleware-subrequest", headers: { ...origin, ...middlewareBypass }, principal: null, goodOrigin: true },
      { name: "anonymous with x-middleware-subrequest: src/middleware", headers: { ...origin, "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" }, principal: null, goodOrigin: true },
      { name: "anonymous, Origin: null", headers: { origin: "null" }, principal: null, goodOrigin: false },
      { name: "forged session cookie", headers: { ...origin, cookie: "streamline.session_token=forged-token.forged-signature" }, principal: null, goodOrigin: true },
      { name: "session token without its signature", headers: { ...origin, cookie: accounts.admin.cookie.split(".").slice(0, -1).join(".").concat(".AAAA") }, principal: null, goodOrigin: true },
      { name: "unknown bearer token", headers: { authorization: "Bearer sl_0000000000000000000000000000000000000000000" }, principal: null, goodOrigin: false },
      { name: "malformed authorization", headers: { authorization: "Basic YWRtaW46YWRtaW4=", cookie: accounts.admin.cookie, ...origin }, principal: null, goodOrigin: true },
      { name: "revoked admin token", headers: { authorization: `Bearer ${revokedToken}` }, principal: null, goodOrigin: false },
      { name: "disabled user's token", headers: bearer(accounts.disabled), principal: null, goodOrigin: false },
      { name: "disabled user's session", headers: sessionHeaders(accounts.disabled), principal: null, goodOrigin: true },
      { name: "viewer token", headers: bearer(accounts.viewer), principal: { role: "viewer", via: "token" }, goodOrigin: false, account: accounts.viewer },
      { name: "editor token", headers: bearer(accounts.editor), principal: { role: "editor", via: "token" }, goodOrigin: false, account: accounts.editor },
      { name: "admin token", headers: bearer(accounts.admin), principal: { role: "admin", via: "token" }, goodOrigin: false, account: accounts.admin },
      { name: "admin token with x-middleware-subrequest", headers: { ...bearer(accounts.admin), ...middlewareBypass }, principal: { role: "admin", via: "token" }, goodOrigin: false, account: accounts.admin },
      { name: "admin session, Origin: null", headers: { cookie: accounts.admin.cookie, origin: "null" }, principal: { role: "admin", via: "session" }, goodOrigin: false, account: accounts.admin },
      { name: "admin session, no Origin", headers: { cookie: accounts.admin.cookie }, principal: { role: "admin", via: "session" }, goodOrigin: false, account: accounts.admin },
      { name: "admin session, Origin of another site", headers: { cookie: accounts.admin.cookie, origin: "https://evil.example" }, principal: { role: "admin", via: "session" }, goodOrigin: false, account: accounts.admin },
      { name: "viewer session", headers: sessionHeaders(accounts.viewer), principal: { role: "viewer", via: "session" }, goodOrigin: true, account: accounts.viewer },
      { name: "editor session", headers: sessionHeaders(accounts.editor), principal: { role: "editor", via: "session" }, goodOrigin: true, account: accounts.editor },
      { name: "admin session", headers: sessionHeaders(accounts.admin), principal: { role: "admin", via: "session" }, goodOrigin: true, account: accounts.admin },
    ];
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("covers every route handler on disk, and there are no server actions to cover", async () => {
    const onDisk = routeFiles(appDir).sort();
    expect(Object.keys(policy).sort()).toEqual(onDisk);
    for (const file of onDisk) {
      const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
      const exported = methods.filter((method) => typeof module[method] === "function").sort();
      expect(Object.keys(policy[file]!).sort(), file).toEqual(exported);
    }
    const serverActions = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(process.cwd(), dir))).filter((file) => /^\s*["']use server["']/m.test(readFileSync(file, "utf8")));
    expect(serverActions).toEqual([]);
  });

  it("gives no caller more than the policy allows, and every allowed caller what it asked for", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let total = 0;
    let unauthorizedSuccesses = 0;
    let refusals = 0;
    for (const [file, cases] of Object.entries(policy)) {
      const module = (await import(path.join(appDir, file))) as Record<string, (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>>;
      for (const [method, routeCase] of Object.entries(cases) as [Method, RouteCase][]) {
        for (const caller of callers) {
          const call = await routeCase.call(caller);
          const headers: Record<string, string> = { ...caller.headers };
          if (call.body !== undefined) headers["content-type"] = "application/json";
          const abort = new AbortController();
          const request = new Request(`${testOrigin}${call.path}`, { method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body), signal: abort.signal });
          const response = await module[method]!(request, { params: Promise.resolve(call.params) });
          abort.abort();
          await response.body?.cancel().catch(() => undefined);
          total += 1;
          const allowed = expectedAllowed(routeCase.access, method, caller);
          const label = `${method} ${call.path.replace(/[0-9a-f-]{36}/g, ":id")} as ${caller.name}: ${response.status}`;
          if (allowed) {
            if (!routeCase.ok.includes(response.status)) failures.push(`${label}, expected ${routeCase.ok.join(" or ")}`);
          } else {
            refusals += 1;
            if (response.status < 400) unauthorizedSuccesses += 1;
            if (![401, 403].includes(response.status)) failures.push(`${label}, expected 401 or 403`);
          }
        }
      }
    }
    console.log(`matrix: ${unauthorizedSuccesses} unauthorized successes of ${total} requests (${refusals} should be refused, ${total - refusals} allowed; ${callers.length} callers × ${Object.values(policy).reduce((n, c) => n + Object.keys(c).length, 0)} handlers)`);
    expect(failures).toEqual([]);
    expect(unauthorizedSuccesses).toBe(0);
  });
});
