// Configuration, validated once at start-up. A missing or malformed variable stops the process with
// one line naming it. Every variable is documented in .env.example.
import { z } from "zod";
import { providerOf } from "#app/domain/database-url.ts";
import { loadDotEnv } from "./dotenv.server.ts";

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ error: "must be a port number" })
      .int()
      .min(1, "must be a port number")
      .max(65535, "must be a port number")
      .default(3000),
    DATABASE_URL: z
      .string()
      .default("file:./data/cho-phien.db")
      .refine(
        (url) => {
          try {
            providerOf(url);
            return true;
          } catch {
            return false;
          }
        },
        { error: "must start with file: (SQLite) or postgresql:// (PostgreSQL)" },
      ),
    // Comma-separated; the first signs new cookies, the others are still accepted (rotation).
    SESSION_SECRET: z
      .string({ error: "is required (run npm run setup to generate one)" })
      .transform((v) => v.split(",").map((s) => s.trim()))
      .refine((list) => list.every((s) => s.length >= 32), {
        error: "each secret must be at least 32 characters",
      }),
    // Defaults to true in production. Set false only to test over plain http on a LAN address.
    COOKIE_SECURE: booleanFlag.optional(),
    // Apply pending migrations when the server starts (default: on for SQLite, off for PostgreSQL,
    // where migrations are a deploy step: npm run db:deploy).
    MIGRATE_ON_START: booleanFlag.optional(),
    STORAGE_DIR: z.string().min(1).default("./data/uploads"),
    // The embedded search index (SQLite FTS5), used unless MEILI_HOST is set.
    SEARCH_INDEX_PATH: z.string().min(1).default("./data/search.db"),
    // Scale-out search: a Meilisearch server. When set, it replaces the embedded index.
    MEILI_HOST: z.url({ error: "must be a URL such as http://127.0.0.1:7700" }).optional(),
    MEILI_API_KEY: z.string().min(1).optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, - or _")
      .default("products"),
    // Where the outbox (search indexing, mail) is drained: inside the web process (default), or
    // "off" when a separate `npm run worker` process does it.
    OUTBOX_WORKER: z
      .enum(["in-process", "off"], { error: "must be in-process or off" })
      .default("in-process"),
    LOG_REQUESTS: booleanFlag.default(false),
    // The site's public address, for links in messages sent by background jobs (no request to read
    // it from). Defaults to http://localhost:PORT.
    PUBLIC_URL: z.url({ error: "must be a URL such as https://chophien.vn" }).optional(),
    // Seconds anonymous storefront pages are served from memory in production (0 turns it off).
    MICROCACHE_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(0, "must be 0 to 60")
      .max(60, "must be 0 to 60")
      .default(5),
    // Card payments through Stripe Checkout. Without a key the card option is hidden.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must look like sk_test_… or sk_live_…")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, "must look like whsec_…")
      .optional(),
    // Only for tests and local development: where the Stripe API is (a local fake).
    STRIPE_API_BASE: z.url({ error: "must be a URL such as http://127.0.0.1:4010" }).optional(),
    // Outgoing mail. With SMTP_URL (smtp://user:pass@host:587 or smtps://…) mail is sent; without it,
    // every message is written as a JSON file under MAIL_CAPTURE_DIR, for development and tests.
    SMTP_URL: z
      .url({ error: "must be a URL such as smtp://user:password@mail.example.com:587" })
      .refine((url) => /^smtps?:\/\//.test(url), { error: "must start with smtp:// or smtps://" })
      .optional(),
    MAIL_FROM: z.string().min(3).default("Chợ Phiên <no-reply@chophien.local>"),
    MAIL_CAPTURE_DIR: z.string().min(1).default("./data/mail"),
    // Outgoing SMS (password reset codes). No gateway adapter yet: every message is written as a JSON
    // file under SMS_CAPTURE_DIR. The SMS port (sms/sms.server.ts) reads the variable itself too.
    SMS_CAPTURE_DIR: z.string().trim().min(1).default("./data/sms"),
  })
  .refine((env) => !env.STRIPE_SECRET_KEY || env.STRIPE_WEBHOOK_SECRET, {
    path: ["STRIPE_WEBHOOK_SECRET"],
    error: "is required when STRIPE_SECRET_KEY is set",
  })
  .transform((env) => ({
    ...env,
    databaseProvider: providerOf(env.DATABASE_URL),
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    migrateOnStart: env.MIGRATE_ON_START ?? providerOf(env.DATABASE_URL) === "sqlite",
  }));

export type Env = z.output<typeof EnvSchema>;

export class InvalidEnvError extends Error {}

/** Parses the environment; the error message is one line naming the variable(s). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new InvalidEnvError(`Invalid configuration: ${problems.join("; ")}`);
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * For processes (server, CLIs): reads .env, validates, and on a bad variable prints the one-line
 * message and exits with status 1.
 */
export function loadEnvOrExit(): Env {
  loadDotEnv();
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
