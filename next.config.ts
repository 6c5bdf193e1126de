import type { NextConfig } from "next";
import { apiContentSecurityPolicy, baseSecurityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    const apiHeaders = [
      { key: "Content-Security-Policy", value: apiContentSecurityPolicy },
      { key: "Cache-Control", value: "no-store" },
    ];
    return [
      { source: "/:path*", headers: [...baseSecurityHeaders] },
      { source: "/api/:path*", headers: apiHeaders },
      { source: "/metrics", headers: apiHeaders },
    ];
  },
  // Database drivers, the Kafka client and the Schema Registry codecs (which require "fs") load
  // native bindings or use Node APIs at run time, so the server requires them from node_modules
  // instead of bundling them.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "kafkajs", "@kafkajs/confluent-schema-registry", "avsc", "protobufjs"],
};

export default nextConfig;
