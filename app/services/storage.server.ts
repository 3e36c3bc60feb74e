// The storage port for uploaded and generated files. Keys are content addresses (sha256 of the
// bytes), so a stored file never changes and can be cached forever. Local disk is the default.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server.ts";

export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
}

const contentTypes: Record<string, string> = {
  webp: "image/webp",
  avif: "image/avif",
  jpg: "image/jpeg",
  png: "image/png",
};

/** "3f9a…e1.webp" — the sha256 of the bytes plus their extension. */
export function contentKey(bytes: Uint8Array, extension: keyof typeof contentTypes) {
  return `${crypto.createHash("sha256").update(bytes).digest("hex")}.${extension}`;
}

const keyPattern = /^[0-9a-f]{64}\.(webp|avif|jpg|png)$/;
export function isContentKey(key: string) {
  return keyPattern.test(key);
}

export function contentTypeOf(key: string) {
  return contentTypes[key.split(".").pop() ?? ""] ?? "application/octet-stream";
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  // Two-level fan-out (ab/cd/abcd…) keeps directories small.
  private fileFor(key: string) {
    if (!isContentKey(key)) throw new Error(`Not a content key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array) {
    const file = this.fileFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  }

  async get(key: string) {
    if (!isContentKey(key)) return null;
    try {
      return await fs.readFile(this.fileFor(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}

let storage: FileStorage | undefined;
export function getStorage(): FileStorage {
  storage ??= new LocalDiskStorage(path.resolve(getEnv().STORAGE_DIR));
  return storage;
}
