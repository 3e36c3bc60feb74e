// npm run bench [-- checkout foundation images import search storefront] — prints figures with baselines measured
// in the same run. Never used by tests. With no names, runs them all (a few minutes on 2 cores).
import os from "node:os";
import { runCheckoutBench } from "./checkout.ts";
import { runFoundationBench } from "./foundation.ts";
import { runImagesBench } from "./images.ts";
import { runImportBench } from "./import.ts";
import { runSearchBench } from "./search.ts";
import { runStorefrontBench } from "./storefront.ts";

const benches: Record<string, () => Promise<unknown>> = {
  checkout: runCheckoutBench,
  foundation: runFoundationBench,
  images: runImagesBench,
  import: runImportBench,
  search: runSearchBench,
  storefront: runStorefrontBench,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(", ")}. Choose from: ${Object.keys(benches).join(", ")}.`);
  process.exit(1);
}
console.log(
  `Node ${process.versions.node}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`,
);
for (const name of chosen.length ? chosen : Object.keys(benches)) await benches[name]!();
