import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanText, multilineText, requiredText } from "./form-fields.ts";

describe("cleanText", () => {
  it("composes Vietnamese letters into one code point each (NFC)", () => {
    const decomposed = "Xoa\u0300i ca\u0301t";
    expect(cleanText(decomposed)).toBe("Xoài cát");
    expect(cleanText(decomposed).length).toBe(8);
  });

  it("drops NUL, other controls, DEL and a byte-order mark", () => {
    expect(cleanText("\uFEFFNguy\u0000ễn\u0007 Văn\u007f\u0085 An")).toBe("Nguyễn Văn An");
  });

  it("keeps line breaks only in multi-line fields, as \\n", () => {
    expect(cleanText("Thôn 1\r\nXã Cam Lâm\u2028", { multiline: true })).toBe("Thôn 1\nXã Cam Lâm");
    expect(cleanText("Thôn 1\r\nXã Cam Lâm")).toBe("Thôn 1 Xã Cam Lâm");
    expect(cleanText("\tA\tB ")).toBe("A B");
  });
});

describe("text schemas", () => {
  const name = requiredText(20);
  it("store the cleaned text", () => {
    expect(name.parse("  An\u0000 ")).toBe("An");
  });

  it.each(["\u202Egpj.exe", "An\u2066x\u2069", "\u202Aa"])(
    "refuse bidi controls in %j with a message",
    (value) => {
      const result = name.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("validation.bidi");
    },
  );

  it("judge length and emptiness after cleaning", () => {
    expect(name.safeParse("\u0000\u0001").error?.issues[0]?.message).toBe("validation.required");
    expect(multilineText(5).safeParse("abcdef").error?.issues[0]?.message).toBe("validation.tooLong");
    expect(z.object({ note: multilineText(50).default("") }).parse({ note: "a\r\nb" })).toEqual({
      note: "a\nb",
    });
  });
});
