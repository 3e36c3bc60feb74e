import fs from "node:fs";

/** Loads ./.env into process.env when present; real environment variables win. */
export function loadDotEnv(file = ".env") {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
