// Files left behind: a refused upload stores nothing (or removes what it stored), and the sweep
// (`npm run storage:gc`, daily in the outbox worker) removes old files no row refers to, in both
// storage areas, and never a young one.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { action as consentAction } from "#app/routes/onboarding+/$sellerId.consent.tsx";
import { action as wizardProductAction } from "#app/routes/onboarding+/$sellerId.products.new.tsx";
import { action as storyAction } from "#app/routes/onboarding+/$sellerId.story.tsx";
import { action as editListingAction } from "#app/routes/shop+/$sellerId.listings.$productId.tsx";
import { action as newListingAction } from "#app/routes/shop+/$sellerId.listings.new.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { encodeImage } from "#app/services/images/pipeline.server.ts";
import { collectGarbage } from "#app/services/platform/storage-gc.server.ts";
import {
  contentKey,
  getPrivateStorage,
  getStorage,
  LocalDiskStorage,
  storageFor,
  type StorageArea,
} from "#app/services/platform/storage.server.ts";
import { storeThen } from "#app/services/http/uploads.server.ts";
import { startOutboxWorker } from "#app/services/platform/worker.server.ts";
import { createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";
import { tmpDir } from "#tests/setup/test-databases.ts";

const context = { clientAddress: "127.0.0.1" };
type Reply = { data: { formError?: string | null }; init: { status: number } };
type Fn = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<unknown>;
const call = (fn: Fn, request: Request, params: Record<string, string>) =>
  fn({ request, params, context }).catch((thrown: unknown) => thrown);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as Reply).init.status);
const HOUR = 3_600_000;

// Each photo is different bytes: content addressing would otherwise make one case's leftovers look
// like the files a later case stores.
let photos = 0;
async function jpeg(width = 900, height = 700) {
  photos++;
  const background = { r: (photos * 37) % 256, g: (photos * 91) % 256, b: (photos * 53) % 256 };
  const bytes = await sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });
}
const notAnImage = () => new Blob(["Giá cam sành: 25.000 đ/kg"], { type: "image/jpeg" });

function post(userId: string, url: string, fields: Record<string, string | Blob | Blob[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) {
      if (v instanceof Blob) form.append(name, v, `${name}.jpg`);
      else form.append(name, v);
    }
  }
  return signedInRequest(userId, `http://localhost${url}`, { method: "POST", body: form });
}

async function keysOf(area: StorageArea) {
  const keys: string[] = [];
  for await (const file of area.list()) keys.push(file.key);
  return keys.sort();
}
/** What both storage areas of this test file hold. */
const stored = async () => ({
  public: await keysOf(getStorage()),
  private: await keysOf(getPrivateStorage()),
});

/** Sets a stored file's modification time back (LocalDiskStorage lays files out as ab/cd/<key>). */
async function age(root: string, key: string, ms: number) {
  const when = new Date(Date.now() - ms);
  await fs.utimes(path.join(root, key.slice(0, 2), key.slice(2, 4), key), when, when);
}

const product = {
  name: "Xoài cát",
  categorySlug: "trai-cay",
  unit: "kg",
  stepMilli: "1",
  priceVnd: "60.000",
  stockMilli: "10",
};

let volunteer: { id: string };
let owner: { id: string };
let shopId = "";
let lockedId = "";

beforeAll(async () => {
  const { commune } = await ensurePlaces();
  volunteer = await createUser(["volunteer"]);
  owner = await createUser(["seller"]);
  shopId = (await createShop({ ownerId: owner.id, onboardedById: volunteer.id })).id;
  lockedId = (
    await getDb().seller.create({
      data: {
        slug: `khoa-${Date.now()}`,
        kind: "household",
        displayName: "Vườn đã nộp",
        contactName: "Phạm Thị Nộp",
        phone: "+84905000444",
        communeId: commune.id,
        status: "submitted",
        onboardedById: volunteer.id,
      },
    })
  ).id;
});

describe("a refused upload leaves no file behind", () => {
  const draft = async () =>
    (
      await getDb().seller.create({
        data: {
          slug: `nhap-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
          kind: "household",
          displayName: "Vườn nháp",
          contactName: "Lê Văn Nháp",
          phone: "+84905000555",
          communeId: (await getDb().commune.findUniqueOrThrow({ where: { slug: "cam-lam" } })).id,
          status: "draft",
          onboardedById: volunteer.id,
        },
      })
    ).id;

  it.each<
    [string, () => Promise<{ fn: Fn; request: Request; params: Record<string, string> }>, number, RegExp]
  >([
    [
      "a good photo next to a bad file (wizard)",
      async () => {
        const sellerId = await draft();
        return {
          fn: wizardProductAction as Fn,
          request: await post(volunteer.id, `/onboarding/${sellerId}/products/new`, {
            ...product,
            photos: [await jpeg(), notAnImage()],
          }),
          params: { sellerId },
        };
      },
      400,
      /không phải ảnh/,
    ],
    [
      "a good photo next to a bad certificate photo (workspace)",
      async () => ({
        fn: newListingAction as Fn,
        request: await post(owner.id, `/shop/${shopId}/listings/new`, {
          ...product,
          certKind: "vietgap",
          certNumber: "VietGAP-TT-01-0002",
          photos: await jpeg(),
          certPhoto: notAnImage(),
        }),
        params: { sellerId: shopId },
      }),
      400,
      /không phải ảnh/,
    ],
    [
      "a good photo with an unknown category (workspace)",
      async () => ({
        fn: newListingAction as Fn,
        request: await post(owner.id, `/shop/${shopId}/listings/new`, {
          ...product,
          categorySlug: "khong-co",
          photos: await jpeg(),
        }),
        params: { sellerId: shopId },
      }),
      400,
      /Chọn một danh mục/,
    ],
    [
      "a good photo with an unknown category (wizard)",
      async () => {
        const sellerId = await draft();
        return {
          fn: wizardProductAction as Fn,
          request: await post(volunteer.id, `/onboarding/${sellerId}/products/new`, {
            ...product,
            categorySlug: "khong-co",
            photos: await jpeg(),
          }),
          params: { sellerId },
        };
      },
      400,
      /./,
    ],
    [
      "a good photo with a validation error",
      async () => ({
        fn: newListingAction as Fn,
        request: await post(owner.id, `/shop/${shopId}/listings/new`, {
          ...product,
          priceVnd: "không biết",
          photos: await jpeg(),
        }),
        params: { sellerId: shopId },
      }),
      400,
      /^$/,
    ],
    [
      "a certificate photo stored, then the listing refused by its write (no product photo)",
      async () => ({
        fn: newListingAction as Fn,
        request: await post(owner.id, `/shop/${shopId}/listings/new`, {
          ...product,
          certKind: "organic",
          certNumber: "TCVN11041-0003",
          certPhoto: await jpeg(1200, 900),
        }),
        params: { sellerId: shopId },
      }),
      400,
      /ít nhất một ảnh/,
    ],
    [
      "a product with a photo for a shop already submitted (locked)",
      async () => ({
        fn: wizardProductAction as Fn,
        request: await post(volunteer.id, `/onboarding/${lockedId}/products/new`, {
          ...product,
          photos: await jpeg(),
        }),
        params: { sellerId: lockedId },
      }),
      409,
      /./,
    ],
    [
      "a cover photo for a locked shop",
      async () => ({
        fn: storyAction as Fn,
        request: await post(volunteer.id, `/onboarding/${lockedId}/story`, {
          story: "Chị Nộp làm vườn ở Cam Lâm từ năm 2010, trồng xoài và bưởi.",
          makes: "Xoài",
          cover: await jpeg(),
        }),
        params: { sellerId: lockedId },
      }),
      409,
      /./,
    ],
    [
      "a signed consent photo for a locked shop",
      async () => ({
        fn: consentAction as Fn,
        request: await post(volunteer.id, `/onboarding/${lockedId}/consent`, {
          method: "paper_photo",
          givenByName: "Phạm Thị Nộp",
          agree: "on",
          photo: await jpeg(1500, 2000),
        }),
        params: { sellerId: lockedId },
      }),
      409,
      /./,
    ],
    [
      "photos added to a listing next to a bad file",
      async () => {
        const p = await createProduct(shopId);
        return {
          fn: editListingAction as Fn,
          request: await post(owner.id, `/shop/${shopId}/listings/${p.id}`, {
            intent: "photoAdd",
            photos: [await jpeg(), await jpeg(640, 480), notAnImage()],
          }),
          params: { sellerId: shopId, productId: p.id },
        };
      },
      400,
      /không phải ảnh/,
    ],
  ])("%s", async (_name, make, status, message) => {
    const { fn, request, params } = await make();
    const before = await stored();
    const reply = await call(fn, request, params);
    expect(statusOf(reply)).toBe(status);
    if (!(reply instanceof Response)) expect((reply as Reply).data.formError ?? "").toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("stores what a successful request refers to", async () => {
    const before = await stored();
    const reply = await call(
      newListingAction as Fn,
      await post(owner.id, `/shop/${shopId}/listings/new`, {
        ...product,
        certKind: "vietgap",
        certNumber: "VietGAP-TT-01-0002",
        photos: await jpeg(800, 600),
        certPhoto: await jpeg(1200, 900),
      }),
      { sellerId: shopId },
    );
    expect(statusOf(reply)).toBe(302);
    const after = await stored();
    // 800 px wide: AVIF, WebP and JPEG at 320 and 640 px; the certificate is one private WebP.
    expect(after.public.length - before.public.length).toBe(6);
    expect(after.private.length - before.private.length).toBe(1);
  });
});

describe("storeThen", () => {
  it("removes the files it added when the write fails, and keeps those that were already there", async () => {
    const { files } = await encodeImage(new Uint8Array(await (await jpeg(400, 300)).arrayBuffer()));
    const [existing, ...fresh] = files;
    await getStorage().put(existing!.key, existing!.bytes);
    const failed = await storeThen(
      [...files.map((f) => ({ ...f, area: "public" as const })), { ...fresh[0]!, area: "private" as const }],
      async () => {
        throw new Error("the database said no");
      },
    ).catch((e: unknown) => e);
    expect((failed as Error).message).toBe("the database said no");
    expect(await getStorage().stat(existing!.key)).not.toBeNull();
    for (const f of fresh) expect(await getStorage().stat(f.key)).toBeNull();
    expect(await getPrivateStorage().stat(fresh[0]!.key)).toBeNull();

    expect(await storeThen([{ ...fresh[0]!, area: "public" }], async () => "saved")).toBe("saved");
    expect(await getStorage().stat(fresh[0]!.key)).not.toBeNull();
  });
});

describe("collectGarbage", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const key = (text: string) => contentKey(bytes(text), "webp");

  it("removes old unreferenced files from both areas and keeps everything referenced or young", async () => {
    const root = await fs.mkdtemp(path.join(tmpDir, "gc-"));
    const env = { STORAGE_DIR: root, privateStorageDir: path.join(root, "private") };
    const areas = storageFor(env);
    const db = getDb();
    const k = {
      main: key("main"),
      variant: key("variant"),
      cover: key("cover"),
      consent: key("consent"),
      cert: key("cert"),
      orphan: key("orphan"),
      orphanPrivate: key("orphan private"),
      young: key("young"),
      twoHours: key("two hours"),
    };
    for (const name of ["main", "variant", "cover", "orphan", "young", "twoHours"] as const) {
      await areas.public.put(k[name], bytes(name));
    }
    for (const name of ["consent", "cert", "orphanPrivate"] as const)
      await areas.private.put(k[name], bytes(name));
    for (const name of Object.keys(k) as (keyof typeof k)[]) {
      if (name === "young") continue;
      const root = ["consent", "cert", "orphanPrivate"].includes(name)
        ? env.privateStorageDir
        : env.STORAGE_DIR;
      await age(root, k[name], name === "twoHours" ? 2 * HOUR : 30 * HOUR);
    }
    // Not files of the public area: a write in progress, and something that is not a key.
    const fanDir = path.join(root, k.orphan.slice(0, 2), k.orphan.slice(2, 4));
    await fs.writeFile(path.join(fanDir, `${k.orphan}.123.abc.tmp`), "half");
    await fs.writeFile(path.join(root, "README"), "not a key");

    const shop = await createShop();
    await db.seller.update({
      where: { id: shop.id },
      data: { coverPhoto: { key: key("elsewhere"), width: 1, height: 1, variants: [{ key: k.cover }] } },
    });
    const p = await createProduct(shop.id);
    await db.productImage.create({
      data: {
        productId: p.id,
        storageKey: k.main,
        width: 1,
        height: 1,
        variants: [{ key: k.variant, width: 1 }],
      },
    });
    await db.certification.create({ data: { productId: p.id, kind: "vietgap", photoKey: k.cert } });
    await db.sellerConsent.create({
      data: {
        sellerId: shop.id,
        method: "paper_photo",
        givenByName: "Thử",
        photoKey: k.consent,
        takenById: volunteer.id,
        termsVersion: "2026-11",
      },
    });

    const dry = await collectGarbage(db, areas, { dryRun: true });
    expect(dry.removed.map((f) => f.key).sort()).toEqual([k.orphan, k.orphanPrivate].sort());
    expect(await areas.public.stat(k.orphan)).not.toBeNull();

    const done = await collectGarbage(db, areas);
    expect(done.scanned).toBe(9);
    expect(done.removed.map((f) => `${f.area} ${f.key}`).sort()).toEqual(
      [`public ${k.orphan}`, `private ${k.orphanPrivate}`].sort(),
    );
    expect(await keysOf(areas.public)).toEqual([k.main, k.variant, k.cover, k.young, k.twoHours].sort());
    expect(await keysOf(areas.private)).toEqual([k.consent, k.cert].sort());
    await expect(fs.stat(path.join(fanDir, `${k.orphan}.123.abc.tmp`))).resolves.toBeTruthy();

    // A shorter age limit reaches the two-hour-old file, still never the young one.
    const shorter = await collectGarbage(db, areas, { olderThanMs: HOUR });
    expect(shorter.removed.map((f) => f.key)).toEqual([k.twoHours]);
    expect(await areas.public.stat(k.young)).not.toBeNull();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("does not remove a file stored again meanwhile (the same bytes uploaded anew)", async () => {
    const root = await fs.mkdtemp(path.join(tmpDir, "gc-"));
    const area = new LocalDiskStorage(root);
    await area.put(key("again"), bytes("again"));
    await age(root, key("again"), 30 * HOUR);
    // A storage whose list() is a moment old: the file is listed as old, then put again.
    const stale: StorageArea = {
      ...area,
      get: (k) => area.get(k),
      put: (k, b) => area.put(k, b),
      stat: (k) => area.stat(k),
      delete: (k) => area.delete(k),
      async *list() {
        for await (const file of area.list()) {
          await area.put(file.key, bytes("again"));
          yield file;
        }
      },
    };
    const { removed } = await collectGarbage(getDb(), {
      public: stale,
      private: new LocalDiskStorage(path.join(root, "p")),
    });
    expect(removed).toEqual([]);
    expect(await area.stat(key("again"))).not.toBeNull();
    await fs.rm(root, { recursive: true, force: true });
  });
});

describe("npm run storage:gc", () => {
  const root = path.resolve(".");
  const run = async (args: string[], storageDir: string) => {
    const cwd = await fs.mkdtemp(path.join(tmpDir, "gc-cli-"));
    try {
      const { stdout } = await promisify(execFile)(
        path.join(root, "node_modules/.bin/tsx"),
        [path.join(root, "scripts/storage-gc.ts"), ...args],
        {
          cwd,
          env: {
            PATH: process.env.PATH!,
            DATABASE_URL: process.env.DATABASE_URL!,
            SESSION_SECRET: process.env.SESSION_SECRET!,
            STORAGE_DIR: storageDir,
          } as unknown as NodeJS.ProcessEnv,
          timeout: 30_000,
        },
      );
      return { code: 0, stdout, stderr: "" };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    } finally {
      await fs.rm(cwd, { recursive: true, force: true });
    }
  };

  it("prints what it removed, honours --older-than-hours and --dry-run, and refuses bad arguments", async () => {
    const dir = await fs.mkdtemp(path.join(tmpDir, "gc-cli-storage-"));
    const area = new LocalDiskStorage(dir);
    const orphan = contentKey(new TextEncoder().encode("cli orphan"), "jpg");
    const recent = contentKey(new TextEncoder().encode("cli recent"), "jpg");
    await area.put(orphan, new TextEncoder().encode("cli orphan"));
    await area.put(recent, new TextEncoder().encode("cli recent"));
    await age(dir, orphan, 50 * HOUR);
    await age(dir, recent, 3 * HOUR);

    const dry = await run(["--dry-run"], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would remove public  ${orphan}`);
    expect(await area.stat(orphan)).not.toBeNull();

    const done = await run(["--older-than-hours", "24"], dir);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`removed public  ${orphan}`);
    expect(done.stdout).not.toContain(recent);
    expect(done.stdout).toMatch(/Removed 1 of 2 stored files .* older than 24 h\./);
    expect(await area.stat(orphan)).toBeNull();
    expect(await area.stat(recent)).not.toBeNull();

    for (const [args, message] of [
      [["--older-than-hours", "0.5"], /at least 1/],
      [["--older-than-hours", "một ngày"], /must be a number/],
      [["--force"], /Unknown option/],
    ] as const) {
      const bad = await run([...args], dir);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(message);
      expect(bad.stderr).toContain("usage: npm run storage:gc");
    }
    expect(await area.stat(recent)).not.toBeNull();
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("the outbox worker", () => {
  it("sweeps the storage (daily; here, at once)", async () => {
    const orphan = contentKey(new TextEncoder().encode("worker orphan"), "png");
    await getStorage().put(orphan, new TextEncoder().encode("worker orphan"));
    await age(process.env.STORAGE_DIR!, orphan, 30 * HOUR);
    const stop = startOutboxWorker({ intervalMs: 20, storageGcFirstAfterMs: 0 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await getStorage().stat(orphan)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      stop();
    }
    expect(await getStorage().stat(orphan)).toBeNull();
  });
});
