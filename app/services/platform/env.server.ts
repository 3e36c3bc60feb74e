// Configuration, validated once at start-up. A missing or malformed variable stops the process with
// one line naming it. Every variable is documented in .env.example.
import path from "node:path";
import { isIP } from "node:net";
import { z } from "zod";
import { providerOf } from "#app/domain/database-url.ts";
import { loadDotEnv } from "./dotenv.server.ts";

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

// TRUST_PROXY: whose X-Forwarded-For/-Host/-Proto to believe, in Express's "trust proxy" terms.
const proxyNames = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyEntry = (entry: string) => {
  if (proxyNames.has(entry) || isIP(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  const family = isIP(address ?? "");
  return (
    rest.length === 0 && family !== 0 && /^\d+$/.test(bits ?? "") && Number(bits) <= (family === 4 ? 32 : 128)
  );
};
const trustProxy = z
  .string()
  .trim()
  .refine((v) => v !== "true", {
    error: "must name the proxy (loopback, its address or a hop count): true would believe any client",
  })
  .refine(
    (v) =>
      ["true", "false"].includes(v) || /^\d+$/.test(v) || v.split(",").every((e) => isProxyEntry(e.trim())),
    {
      error:
        "must be loopback, linklocal, uniquelocal, IP addresses or CIDR ranges (comma-separated), or a hop count",
    },
  )
  .transform((v): false | number | string[] =>
    v === "false" || v === "0" ? false : /^\d+$/.test(v) ? Number(v) : v.split(",").map((e) => e.trim()),
  );

// A host name with an optional port, as in a Host header: chophien.vn, www.chophien.vn:8443, [::1]:3000.
export const hostPattern =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ error: "must be a port number" })
      .int()
      .min(1, "must be a port number")
      .max(65535, "must be a port number")
      .default(3000),
    // The address to listen on. 127.0.0.1 answers only this machine, where a reverse proxy forwards
    // to it; 0.0.0.0 (or ::) listens on every interface, e.g. in a container behind a proxy.
    HOST: z
      .string()
      .trim()
      .refine((v) => isIP(v) !== 0 || v === "localhost", {
        error: "must be an IP address such as 127.0.0.1 or 0.0.0.0",
      })
      .default("127.0.0.1"),
    // Unset: no proxy is believed, so the client address is the connection's (anyone can write
    // X-Forwarded-For). Set it to what stands in front of the server, e.g. loopback or 10.0.0.0/8.
    TRUST_PROXY: trustProxy.optional(),
    // Host names served besides PUBLIC_URL's (comma-separated, with a port when not the default one);
    // any other Host gets 421. Absolute links still use PUBLIC_URL.
    ALLOWED_HOSTS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine((hosts) => hosts.every((h) => hostPattern.test(h)), {
        error: "must be host names with an optional port, comma-separated, such as www.chophien.vn",
      }),
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
    // Personal documents (consent forms, certificates): never served publicly. Default:
    // STORAGE_DIR/private. Set it to keep them on another disk (docs/decisions/012).
    PRIVATE_STORAGE_DIR: z.string().min(1).optional(),
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
    // The site's public address: every absolute link (canonical, og:, JSON-LD, sitemap, mail, payment
    // return, QR) is built from it, never from the request's Host. Defaults to http://localhost:PORT.
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be a URL such as https://chophien.vn" })
      .refine((url) => !URL.canParse(url) || (new URL(url).pathname === "/" && !new URL(url).search), {
        error: "must be an origin only, such as https://chophien.vn (no path)",
      })
      .optional(),
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
    // Parcel delivery through GHN (Giao Hàng Nhanh). Without a token the carrier option is hidden.
    GHN_TOKEN: z.string().trim().min(1).optional(),
    GHN_SHOP_ID: z.string().trim().regex(/^\d+$/, "must be GHN's numeric shop id").optional(),
    // GHN's API gateway. Unset: the test gateway https://dev-online-gateway.ghn.vn, so production
    // (https://online-gateway.ghn.vn) is always chosen on purpose. Tests point it at a local fake.
    GHN_API_URL: z
      .url({ protocol: /^https?$/, error: "must be a URL such as https://online-gateway.ghn.vn" })
      .optional(),
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
  .refine((env) => !env.GHN_TOKEN || env.GHN_SHOP_ID, {
    path: ["GHN_SHOP_ID"],
    error: "is required when GHN_TOKEN is set",
  })
  .refine(
    (env) =>
      !env.PRIVATE_STORAGE_DIR || path.resolve(env.PRIVATE_STORAGE_DIR) !== path.resolve(env.STORAGE_DIR),
    { path: ["PRIVATE_STORAGE_DIR"], error: "must not be STORAGE_DIR (its files would be public)" },
  )
  .transform((env) => ({
    ...env,
    privateStorageDir: env.PRIVATE_STORAGE_DIR ?? path.join(env.STORAGE_DIR, "private"),
    databaseProvider: providerOf(env.DATABASE_URL),
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
    publicUrl: new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin,
    trustProxy: env.TRUST_PROXY ?? false,
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
