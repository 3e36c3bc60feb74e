import { describe, expect, it } from "vitest";
import { foldVietnamese, slugify } from "./text.ts";

describe("foldVietnamese", () => {
  it("strips tones and vowel marks so unaccented typing matches", () => {
    expect(foldVietnamese("Cà phê Khánh Sơn")).toBe("ca phe khanh son");
    expect(foldVietnamese("Nước mắm Cà Ná")).toBe("nuoc mam ca na");
  });
  it("folds đ and Đ to d, which Unicode decomposition does not", () => {
    expect(foldVietnamese("Đặc sản đường")).toBe("dac san duong");
  });
  it("treats precomposed and decomposed input alike", () => {
    expect(foldVietnamese("Xoài".normalize("NFD"))).toBe(foldVietnamese("Xoài".normalize("NFC")));
  });
});

describe("slugify", () => {
  it("makes ASCII, hyphenated slugs", () => {
    expect(slugify("Xoài cát Hòa Lộc — loại 1!")).toBe("xoai-cat-hoa-loc-loai-1");
    expect(slugify("  Đông Khánh Sơn ")).toBe("dong-khanh-son");
  });
});
