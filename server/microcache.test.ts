import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { microcache } from "./microcache.ts";

let clock = 0;
let renders = 0;
let base = "";
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use(microcache({ ttlMs: 5000, now: () => clock }));
  app.get("/san-pham/set-cookie", (_req, res) => void res.cookie("x", "1").send(`render ${++renders}`));
  app.get("/san-pham/missing", (_req, res) => void res.status(404).send(`render ${++renders}`));
  app.all("*", (req, res) => void res.type("html").send(`render ${++renders} ${req.headers.cookie ?? ""}`));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

describe("microcache", () => {
  it("serves an anonymous storefront page from memory until it expires", async () => {
    clock = 1_000;
    const first = await get("/san-pham/xoai");
    const second = await get("/san-pham/xoai");
    expect(first.headers.get("x-microcache")).toBe("miss");
    expect(second.headers.get("x-microcache")).toBe("hit");
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("content-type")).toMatch(/text\/html/);
    clock += 5_001;
    expect((await get("/san-pham/xoai")).headers.get("x-microcache")).toBe("miss");
  });

  it("keeps languages apart", async () => {
    clock = 20_000;
    const vi = await (await get("/search?q=xoai")).text();
    const en = await (await get("/search?q=xoai", { Cookie: "lang=en" })).text();
    expect(en).not.toBe(vi);
    expect((await get("/search?q=xoai", { Cookie: "lang=en" })).headers.get("x-microcache")).toBe("hit");
  });

  it("never caches for signed-in users, the API, other methods, errors or responses that set cookies", async () => {
    clock = 40_000;
    const signedIn = { Cookie: "__session=abc" };
    await get("/", signedIn);
    expect((await get("/", signedIn)).headers.get("x-microcache")).toBeNull();
    await get("/api/search?q=x");
    expect((await get("/api/search?q=x")).headers.get("x-microcache")).toBeNull();
    await fetch(`${base}/danh-muc/trai-cay`, { method: "POST" });
    expect((await get("/danh-muc/trai-cay")).headers.get("x-microcache")).toBe("miss");
    const before = renders;
    await get("/san-pham/set-cookie");
    await get("/san-pham/set-cookie");
    await get("/san-pham/missing");
    await get("/san-pham/missing");
    expect(renders).toBe(before + 4);
  });
});
