import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Database drivers and the Kafka client load native bindings or use Node APIs at runtime,
  // so the server requires them from node_modules instead of bundling them.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "kafkajs"],
};

export default nextConfig;
