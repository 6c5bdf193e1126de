import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginLimits } from "@/lib/server/auth/login-rate-limit";
import { testOrigin } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import * as pipelinesRoute from "../pipelines/route";
import * as tokenRoute from "../tokens/[id]/route";
import * as tokensRoute from "../tokens/route";
import * as userRoute from "../users/[id]/route";
import * as usersRoute from "../users/route";
import * as loginRoute from "./login/route";
import * as logoutRoute from "./logout/route";
import * as sessionRoute from "./session/route";
import * as setupRoute from "./setup/route";

/**
 * Accounts end to end through the route handlers: the first visit creates the
 * admin, sign-in sets a working cookie, sign-in is rate-limited, signing out
 * and disabling end sessions, API tokens work until revoked.
 */

const none = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

function post(path: string, body: unknown, headers: Record<string, string> = {}, method = "POST"): Request {
  return new Request(`${testOrigin}${path}`, { method, headers: { origin: testOrigin, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

function cookieOf(response: Response): string {
  return response.headers.getSetCookie().map((header) => header.split(";")[0]).join("; ");
}

const admin = { name: "Ada", email: "ada@example.test", password: "a very long admin passphrase" };

describe("accounts and sessions", () => {
  let database: TestDatabase;
  let adminCookie: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("asks for setup on the first visit and creates the admin, signed in", async () => {
    expect(await (await setupRoute.GET(new Request(`${testOrigin}/api/auth/setup`), none)).json()).toEqual({ needsSetup: true });
    const refused = await setupRoute.POST(post("/api/auth/setup", admin, { origin: "null" }), none);
    expect(refused.status).toBe(403);
    const response = await setupRoute.POST(post("/api/auth/setup", { ...admin, email: "ADA@Example.test" }), none);
    expect(response.status).toBe(201);
    expect((await response.json()).user).toMatchObject({ email: "ada@example.test", role: "admin" });
    adminCookie = cookieOf(response);
    expect(adminCookie).toMatch(/^streamline\.session_token=/);
    const session = await sessionRoute.GET(new Request(`${testOrigin}/api/auth/session`, { headers: { cookie: adminCookie } }), none);
    expect(await session.json()).toMatchObject({ user: { email: "ada@example.test", role: "admin" }, via: "session" });
  });

  it("refuses a second setup once an account exists", async () => {
    expect(await (await setupRoute.GET(new Request(`${testOrigin}/api/auth/setup`), none)).json()).toEqual({ needsSetup: false });
    const again = await setupRoute.POST(post("/api/auth/setup", { name: "Eve", email: "eve@example.test", password: "another long passphrase" }), none);
    expect(again.status).toBe(409);
    expect(await (await getDb()).user.count()).toBe(1);
  });

  it("stores a scrypt hash, never the password", async () => {
    const account = await (await getDb()).account.findFirstOrThrow({ where: { providerId: "credential" } });
    expect(account.password).not.toContain(admin.password);
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });

  it("signs in with the right password and answers the same 401 for a wrong one or an unknown e-mail", async () => {
    const ok = await loginRoute.POST(post("/api/auth/login", { email: admin.email, password: admin.password }), none);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(ok.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    const wrong = await loginRoute.POST(post("/api/auth/login", { email: admin.email, password: "not the password" }), none);
    const unknown = await loginRoute.POST(post("/api/auth/login", { email: "nobody@example.test", password: "not the password" }), none);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it("rate-limits sign-in: after too many failures even the right password is refused with 429", async () => {
    const target = { name: "Target", email: "target@example.test", password: "target's long passphrase", role: "viewer" };
    expect((await usersRoute.POST(post("/api/users", target, { cookie: adminCookie }), none)).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < loginLimits.perAccount; i++) {
      statuses.push((await loginRoute.POST(post("/api/auth/login", { email: target.email, password: `guess ${i}` }, { "x-forwarded-for": `203.0.113.${i}` }), none)).status);
    }
    const blocked = await loginRoute.POST(post("/api/auth/login", { email: target.email, password: target.password }, { "x-forwarded-for": "203.0.113.200" }), none);
    console.log(`login rate limit: ${statuses.filter((s) => s === 401).length} failures answered 401, then ${blocked.status} for the right password (Retry-After ${blocked.headers.get("retry-after")} s)`);
    expect(statuses).toEqual(Array(loginLimits.perAccount).fill(401));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("signs out: the cookie stops working", async () => {
    const login = await loginRoute.POST(post("/api/auth/login", { email: admin.email, password: admin.password }), none);
    const cookie = cookieOf(login);
    expect((await logoutRoute.POST(post("/api/auth/logout", {}, { cookie }), none)).status).toBe(204);
    expect((await sessionRoute.GET(new Request(`${testOrigin}/api/auth/session`, { headers: { cookie } }), none)).status).toBe(401);
  });

  it("disabling a user ends their sessions and tokens; enabling does not bring the session back", async () => {
    const user = { name: "Ed", email: "ed@example.test", password: "ed's long passphrase", role: "editor" };
    const created = await (await usersRoute.POST(post("/api/users", user, { cookie: adminCookie }), none)).json();
    const cookie = cookieOf(await loginRoute.POST(post("/api/auth/login", { email: user.email, password: user.password }), none));
    const token = (await (await tokensRoute.POST(post("/api/tokens", { name: "ci" }, { cookie }), none)).json()).secret as string;
    expect(token).toMatch(/^sl_/);
    expect((await pipelinesRoute.GET(new Request(`${testOrigin}/api/pipelines`, { headers: { authorization: `Bearer ${token}` } }), none)).status).toBe(200);

    const disabled = await userRoute.PATCH(post(`/api/users/${created.user.id}`, { disabled: true }, { cookie: adminCookie }, "PATCH"), idParams(created.user.id));
    expect(disabled.status).toBe(200);
    expect((await sessionRoute.GET(new Request(`${testOrigin}/api/auth/session`, { headers: { cookie } }), none)).status).toBe(401);
    expect((await pipelinesRoute.GET(new Request(`${testOrigin}/api/pipelines`, { headers: { authorization: `Bearer ${token}` } }), none)).status).toBe(401);
    const login = await loginRoute.POST(post("/api/auth/login", { email: user.email, password: user.password }), none);
    expect(login.status).toBe(401);

    await userRoute.PATCH(post(`/api/users/${created.user.id}`, { disabled: false }, { cookie: adminCookie }, "PATCH"), idParams(created.user.id));
    expect((await sessionRoute.GET(new Request(`${testOrigin}/api/auth/session`, { headers: { cookie } }), none)).status).toBe(401);
  });

  it("keeps the last admin: they can be neither demoted nor disabled", async () => {
    const users = (await (await usersRoute.GET(new Request(`${testOrigin}/api/users`, { headers: { cookie: adminCookie } }), none)).json()).users as { id: string; role: string }[];
    const only = users.find((u) => u.role === "admin")!;
    expect((await userRoute.PATCH(post(`/api/users/${only.id}`, { role: "viewer" }, { cookie: adminCookie }, "PATCH"), idParams(only.id))).status).toBe(409);
    expect((await userRoute.PATCH(post(`/api/users/${only.id}`, { disabled: true }, { cookie: adminCookie }, "PATCH"), idParams(only.id))).status).toBe(409);
  });

  it("stores only a hash of an API token, limits it to its role, and refuses it once revoked", async () => {
    const created = await (await tokensRoute.POST(post("/api/tokens", { name: "read only", role: "viewer" }, { cookie: adminCookie }), none)).json();
    const secret = created.secret as string;
    const row = await (await getDb()).apiToken.findUniqueOrThrow({ where: { id: created.token.id } });
    expect(JSON.stringify(row)).not.toContain(secret);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await pipelinesRoute.GET(new Request(`${testOrigin}/api/pipelines`, { headers: auth }), none)).status).toBe(200);
    // A viewer token of an admin is still only a viewer.
    expect((await usersRoute.GET(new Request(`${testOrigin}/api/users`, { headers: auth }), none)).status).toBe(403);
    // Tokens cannot mint tokens.
    expect((await tokensRoute.POST(post("/api/tokens", { name: "child" }, auth), none)).status).toBe(403);
    const revoked = await tokenRoute.DELETE(new Request(`${testOrigin}/api/tokens/${created.token.id}`, { method: "DELETE", headers: { cookie: adminCookie, origin: testOrigin } }), idParams(created.token.id));
    expect(revoked.status).toBe(200);
    expect((await pipelinesRoute.GET(new Request(`${testOrigin}/api/pipelines`, { headers: auth }), none)).status).toBe(401);
  });

  it("refuses a token with more rights than its owner", async () => {
    const viewer = { name: "Vi", email: "vi@example.test", password: "vi's long passphrase", role: "viewer" };
    await usersRoute.POST(post("/api/users", viewer, { cookie: adminCookie }), none);
    const cookie = cookieOf(await loginRoute.POST(post("/api/auth/login", { email: viewer.email, password: viewer.password }), none));
    expect((await tokensRoute.POST(post("/api/tokens", { name: "escalate", role: "admin" }, { cookie }), none)).status).toBe(403);
  });
});

describe("the first-visit setup under a race", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("lets exactly one of several simultaneous setups create the first admin", async () => {
    const attempts = await Promise.all(
      ["a", "b", "c"].map((who) => setupRoute.POST(post("/api/auth/setup", { name: who, email: `${who}@example.test`, password: "a long enough passphrase" }), none)),
    );
    expect(attempts.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    expect(await (await getDb()).user.count()).toBe(1);
  });
});
