// Prisma CLI configuration. The CLI runs on the WebAssembly engines shipped in
// its npm packages (`engine: "js"`), because the native engines download from a
// host these machines cannot reach. scripts/prisma.mjs picks the schema.
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const schema = process.env.PRISMA_SCHEMA ?? path.join("prisma", "schema.prisma");
const url = process.env.DATABASE_URL ?? "file:./.data/prisma-cli.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema,
  async adapter() {
    return /^postgres(ql)?:\/\//.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url });
  },
});
