#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which cannot be downloaded here. See prisma.config.ts.
console.error(
  "Prisma's native schema engine is not installed. Use the npm run db:* scripts (scripts/db.ts).",
);
process.exit(1);
