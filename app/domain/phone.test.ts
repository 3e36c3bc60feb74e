import { describe, expect, it } from "vitest";
import { formatVietnamesePhone, normalizeVietnamesePhone } from "./phone.ts";

describe("normalizeVietnamesePhone", () => {
  it.each(["0905 123 456", "0905.123.456", "0905123456", "+84 905 123 456", "84905123456"])(
    "reads %j as +84905123456",
    (input) => {
      expect(normalizeVietnamesePhone(input)).toBe("+84905123456");
    },
  );
  it.each(["", "12345", "0905 123", "+1 202 555 0143", "abc"])("refuses %j", (input) => {
    expect(normalizeVietnamesePhone(input)).toBeNull();
  });
  it("formats back the way people write it", () => {
    expect(formatVietnamesePhone("+84905123456")).toBe("0905 123 456");
  });
});
