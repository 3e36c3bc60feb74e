// Which database a DATABASE_URL points at. The URL alone chooses the provider.
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`);
}

/** Absolute path of a file: URL, relative paths resolved from the working directory. */
export function sqliteFilePath(url: string) {
  return path.resolve(url.slice("file:".length).split("?")[0] ?? "");
}
