// The storage port for uploaded and generated files. Keys are content addresses (sha256 of the
// bytes), so a stored file never changes and can be cached forever. Local disk is the default.
//
// Two areas: the public one (product and cover photos, served to anyone at /images/<key>) and the
// private one (consent forms, certificates and other personal documents, served only to the shop's
// people and admins at /private-files/<key>). They are separate roots, so no key of one can be read
// through the other (docs/decisions/012-private-files.md).
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv, type Env } from "./env.server.ts";

/** What the photo pipeline and the seed need: somewhere to write and read files by key. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
}

export type StoredFile = { key: string; size: number; modifiedAt: Date };

/**
 * One area of the storage (public or private). `put` must refresh the modification time of a file
 * that already exists: the garbage collector never removes a file younger than a day, and a repeated
 * upload of old bytes is about to be referenced again.
 */
export interface StorageArea extends FileStorage {
  stat(key: string): Promise<StoredFile | null>;
  /** True when a file was removed; false when there was none. */
  delete(key: string): Promise<boolean>;
  /** Every stored file, in no particular order. */
  list(): AsyncIterable<StoredFile>;
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

/** Every content key inside a value (a JSON column, a string): for finding what rows refer to. */
export function contentKeysIn(value: unknown): string[] {
  return JSON.stringify(value ?? null).match(/[0-9a-f]{64}\.(?:webp|avif|jpg|png)/g) ?? [];
}

export function contentTypeOf(key: string) {
  return contentTypes[key.split(".").pop() ?? ""] ?? "application/octet-stream";
}

/** Where a private document is served (to the people allowed to see it; never cached). */
export function privateFileUrl(key: string) {
  return `/private-files/${key}`;
}

const fanOut = /^[0-9a-f]{2}$/;

export class LocalDiskStorage implements StorageArea {
  constructor(private readonly root: string) {}

  // Two-level fan-out (ab/cd/abcd…) keeps directories small.
  private fileFor(key: string) {
    if (!isContentKey(key)) throw new Error(`Not a content key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array) {
    const file = this.fileFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file (and the modification time is now).
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

  async stat(key: string) {
    if (!isContentKey(key)) return null;
    try {
      const stats = await fs.stat(this.fileFor(key));
      return { key, size: stats.size, modifiedAt: stats.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string) {
    if (!isContentKey(key)) return false;
    try {
      await fs.unlink(this.fileFor(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  // Only the fan-out folders are walked: anything else under the root (the private area's folder
  // when it lives inside this one, temporary files of a write in progress) is not this area's.
  async *list(): AsyncIterable<StoredFile> {
    const dirs = async (dir: string) =>
      (await fs.readdir(dir, { withFileTypes: true }).catch(() => [])).filter(
        (e) => e.isDirectory() && fanOut.test(e.name),
      );
    for (const first of await dirs(this.root)) {
      for (const second of await dirs(path.join(this.root, first.name))) {
        const dir = path.join(this.root, first.name, second.name);
        for (const name of await fs.readdir(dir).catch(() => [])) {
          if (!isContentKey(name)) continue;
          const stats = await fs.stat(path.join(dir, name)).catch(() => null);
          if (stats?.isFile()) yield { key: name, size: stats.size, modifiedAt: stats.mtime };
        }
      }
    }
  }
}

export type StorageAreas = { public: StorageArea; private: StorageArea };

/** Both areas for a configuration (the server's, or one a CLI or test passes in). */
export function storageFor(env: Pick<Env, "STORAGE_DIR" | "privateStorageDir">): StorageAreas {
  return {
    public: new LocalDiskStorage(path.resolve(env.STORAGE_DIR)),
    private: new LocalDiskStorage(path.resolve(env.privateStorageDir)),
  };
}

let areas: StorageAreas | undefined;
function configuredAreas() {
  areas ??= storageFor(getEnv());
  return areas;
}

/** The public area: product and cover photos, served to anyone at /images/<key>. */
export function getStorage(): StorageArea {
  return configuredAreas().public;
}

/** The private area: personal documents, served only to the people allowed to see them. */
export function getPrivateStorage(): StorageArea {
  return configuredAreas().private;
}
