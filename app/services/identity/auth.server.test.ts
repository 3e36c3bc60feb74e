import { describe, expect, it } from "vitest";
import { parseIdentifier } from "./auth.server.ts";

describe("parseIdentifier", () => {
  it("treats anything with @ as an email, lower-cased", () => {
    expect(parseIdentifier(" An.Nguyen@Mail.VN ")).toEqual({ email: "an.nguyen@mail.vn" });
  });
  it("normalises phone numbers however they are typed", () => {
    expect(parseIdentifier("0905.123.456")).toEqual({ phone: "+84905123456" });
  });
  it("rejects what is neither", () => {
    expect(parseIdentifier("hello")).toBeNull();
  });
});
