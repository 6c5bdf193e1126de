import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/**
 * docker-compose.yml checked without Docker (there is no Docker engine on the
 * test machines): it parses, every service has an image or a build, every
 * dependency names a service, and the two Streamline processes — the web app
 * and the engine — are both there, each restarting after a crash.
 */

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  restart?: string;
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: string[];
};

const compose = parse(readFileSync(path.join(process.cwd(), "docker-compose.yml"), "utf8")) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;

describe("docker-compose.yml", () => {
  it("defines every service with an image or a build, and dependencies and volumes that exist", () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.image ?? service.build, `${name} has neither image nor build`).toBeTruthy();
      const dependencies = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(Object.keys(services), `${name} depends on ${dependency}`).toContain(dependency);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0]!;
        if (!source.startsWith(".") && !source.startsWith("/")) expect(Object.keys(compose.volumes ?? {}), `${name} mounts ${source}`).toContain(source);
      }
    }
  });

  it("runs the engine as its own service from the app's image, without tsx or the react-server condition", () => {
    const engine = services.engine!;
    expect(engine).toBeDefined();
    expect(engine.build).toEqual(services.app!.build);
    expect(engine.command).toEqual(["node", "--enable-source-maps", ".cache/engine/engine-worker.mjs"]);
    expect(JSON.stringify(engine.command)).not.toMatch(/tsx|react-server/);
  });

  it("restarts the web app and the engine after a crash", () => {
    for (const name of ["app", "engine"]) expect(["always", "unless-stopped", "on-failure"]).toContain(services[name]!.restart);
  });

  it("points the app and the engine at the same database, brokers and Flink cluster, and the same key volume", () => {
    const keys = ["DATABASE_URL", "KAFKA_BROKERS", "FLINK_REST_URL", "FLINK_SQL_GATEWAY_URL"];
    for (const key of keys) expect(services.engine!.environment?.[key], key).toBe(services.app!.environment?.[key]);
    expect(services.engine!.volumes).toContain("app-data:/app/data");
    expect(services.app!.volumes).toContain("app-data:/app/data");
  });

  it("builds the engine bundle in the image the engine service runs", () => {
    const build = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")).scripts.build as string;
    expect(build).toContain("scripts/build-engine.mjs");
    expect(readFileSync(path.join(process.cwd(), "Dockerfile"), "utf8")).toMatch(/RUN npm run build/);
  });
});
