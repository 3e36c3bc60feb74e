import { describe, expect, it } from "vitest";
import { parseSearchParams, searchParamsFor } from "./search-params.ts";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe("parseSearchParams", () => {
  it("defaults to everything, by relevance, first page of 24", () => {
    expect(parse("")).toEqual({
      ok: true,
      query: { q: "", category: [], commune: [], cert: [], sort: "relevance", page: 1, perPage: 24 },
    });
  });
  it("reads repeated and comma-separated lists, prices as typed, and flags", () => {
    const result = parse(
      "q=xoai&commune=cam-lam&commune=cam-hiep&cert=ocop4,vietgap&minPrice=20.000&maxPrice=&inStock=on&sort=price_asc&page=2&perPage=100",
    );
    expect(result).toMatchObject({
      ok: true,
      query: {
        q: "xoai",
        commune: ["cam-lam", "cam-hiep"],
        cert: ["ocop4", "vietgap"],
        minPrice: 20000,
        inStock: true,
        sort: "price_asc",
        page: 2,
        perPage: 100,
      },
    });
    expect(result.ok && result.query.maxPrice).toBeUndefined();
  });
  it.each([
    ["perPage=500", "perPage"],
    ["perPage=abc", "perPage"],
    ["page=0", "page"],
    ["sort=cheapest", "sort"],
    ["cert=iso9001", "cert"],
    ["minPrice=mười", "minPrice"],
    ["minPrice=50000&maxPrice=10000", "maxPrice"],
    ["category=Trái Cây", "category"],
    [`q=${"a".repeat(201)}`, "q"],
  ])("names the bad parameter in %s", (qs, parameter) => {
    const result = parse(qs);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.parameter).toBe(parameter);
  });
  it("offers a fallback query without the bad parameter, for pages", () => {
    const result = parse("q=xoai&perPage=999");
    expect(!result.ok && result.fallback).toMatchObject({ q: "xoai", perPage: 24 });
  });
});

describe("searchParamsFor", () => {
  it("round-trips a query and leaves defaults out of the URL", () => {
    const params = searchParamsFor({ q: "ca phe", commune: ["khanh-son"], sort: "relevance", page: 1 });
    expect(params.toString()).toBe("q=ca+phe&commune=khanh-son");
    expect(parse(params.toString())).toMatchObject({
      ok: true,
      query: { q: "ca phe", commune: ["khanh-son"] },
    });
  });
});
