import { describe, expect, it } from "vitest";
import { formatDate } from "./dates.ts";

describe("formatDate", () => {
  it("uses Vietnam's time zone, so late evening UTC is already the next day", () => {
    expect(formatDate("2026-11-28T18:30:00Z", "vi")).toBe("29 tháng 11, 2026");
    expect(formatDate("2026-11-28T18:30:00Z", "en")).toBe("29 November 2026");
  });
});
