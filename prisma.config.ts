import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI insists on a native schema-engine binary, which it would download; these machines
// cannot. `prisma generate` only checks that the file exists, so point it at a stub. Migrations go
// through scripts/db.ts (WASM schema engine + driver adapter) instead — see docs/decisions/002.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/no-schema-engine.cjs");

export default defineConfig({
  schema: "prisma/sqlite",
});
