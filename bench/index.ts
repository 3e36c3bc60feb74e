// npm run bench — prints figures with baselines measured in the same run. Never used by tests.
import { runFoundationBench } from "./foundation.ts";

console.log(`Node ${process.versions.node}, ${(await import("node:os")).cpus().length} cores`);
await runFoundationBench();
