import { describe, expect, it } from "vitest";
import {
  CSV_BOM,
  csvField,
  formatProvinceTime,
  guardFormula,
  orderCsvColumns,
  ordersCsv,
  ordersCsvFilename,
  provinceDate,
  provinceDateTime,
  provinceMonth,
  toCsv,
  type CsvOrder,
  type OrderCsvColumn,
} from "./orders-csv.ts";

describe("csvField", () => {
  it("leaves plain text and numbers alone, and keeps Vietnamese as it is", () => {
    expect(csvField("Xoài cát Hòa Lộc")).toBe("Xoài cát Hòa Lộc");
    expect(csvField(150000)).toBe("150000");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("quotes commas, semicolons, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("Thôn Tân Hòa, Cam Lâm")).toBe('"Thôn Tân Hòa, Cam Lâm"');
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField('Bưởi "da xanh"')).toBe('"Bưởi ""da xanh"""');
    expect(csvField("Giao buổi sáng\nGọi trước")).toBe('"Giao buổi sáng\nGọi trước"');
    expect(csvField("dòng 1\r\ndòng 2\rdòng 3")).toBe('"dòng 1\ndòng 2\ndòng 3"');
    expect(csvField(" lề ")).toBe('" lề "');
  });

  it("prefixes an apostrophe to text Excel would run as a formula", () => {
    for (const risky of ["=1+1", "+84905", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(guardFormula(risky)).toBe(`'${risky}`);
    }
    expect(csvField('=HYPERLINK("http://x.invalid","Bấm")')).toBe(
      `"'=HYPERLINK(""http://x.invalid"",""Bấm"")"`,
    );
    expect(csvField("\r=1")).toBe(`"'\n=1"`);
    expect(guardFormula("Cà phê = ngon")).toBe("Cà phê = ngon");
    // Numbers are values, not text: a spreadsheet can add them up.
    expect(csvField(-5)).toBe("-5");
  });
});

describe("toCsv", () => {
  it("starts with a BOM and ends every record, the last one too, with CRLF", () => {
    const csv = toCsv([
      ["a", "b"],
      ["c, d", 1],
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe(`${CSV_BOM}a,b\r\n"c, d",1\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("keeps line breaks inside a quoted field apart from the record ends", () => {
    const csv = toCsv([["x\ny", "z"]]);
    expect(csv.slice(1).split("\r\n")).toEqual(['"x\ny",z', ""]);
  });
});

describe("province time", () => {
  it("uses Vietnam's clock (UTC+7)", () => {
    expect(provinceDateTime("2025-07-14T02:05:00Z")).toBe("2025-07-14 09:05");
    expect(provinceDateTime("2025-07-31T17:00:00Z")).toBe("2025-08-01 00:00");
    expect(provinceDate("2025-12-31T16:59:59Z")).toBe("2025-12-31");
    expect(provinceDate("2025-12-31T17:00:00Z")).toBe("2026-01-01");
  });

  it("puts the last evening of a month in UTC into the next month in Vietnam", () => {
    expect(provinceMonth("2025-07-31T16:59:59Z")).toBe("2025-07");
    expect(provinceMonth("2025-07-31T17:00:00Z")).toBe("2025-08");
    expect(provinceMonth(new Date("2025-06-30T23:30:00+07:00"))).toBe("2025-06");
  });
});

describe("ordersCsv", () => {
  const headers = Object.fromEntries(orderCsvColumns.map((c) => [c, c])) as Record<OrderCsvColumn, string>;
  const order: CsvOrder = {
    code: "CP7K3M9QXA-1",
    createdAt: new Date("2025-07-14T02:05:00Z"),
    status: "Đã giao",
    paymentMethod: "Tiền mặt khi nhận hàng",
    paymentStatus: "Đã thanh toán",
    buyerName: "=cmd|' /C calc'!A0",
    buyerPhone: "0912 345 678",
    commune: "Cam Lâm",
    address: "Thôn Tân Hòa, tổ 3",
    totalVnd: 295000,
    deliveryNote: 'Giao qua Viettel Post, mã "VTP123"',
    items: [
      { product: "Xoài cát Hòa Lộc", quantity: "2,5 kg", unitPriceVnd: 65000, lineTotalVnd: 162500 },
      { product: "Mật ong rừng", quantity: "1 chai", unitPriceVnd: 132500, lineTotalVnd: 132500 },
    ],
  };

  it("writes one line per item, repeating the order's fields", () => {
    const lines = ordersCsv([order], headers).slice(1).split("\r\n");
    expect(lines).toEqual([
      orderCsvColumns.join(","),
      `CP7K3M9QXA-1,2025-07-14 09:05,Đã giao,Tiền mặt khi nhận hàng,Đã thanh toán,'=cmd|' /C calc'!A0,0912 345 678,Cam Lâm,"Thôn Tân Hòa, tổ 3",Xoài cát Hòa Lộc,"2,5 kg",65000,162500,295000,"Giao qua Viettel Post, mã ""VTP123"""`,
      `CP7K3M9QXA-1,2025-07-14 09:05,Đã giao,Tiền mặt khi nhận hàng,Đã thanh toán,'=cmd|' /C calc'!A0,0912 345 678,Cam Lâm,"Thôn Tân Hòa, tổ 3",Mật ong rừng,1 chai,132500,132500,295000,"Giao qua Viettel Post, mã ""VTP123"""`,
      "",
    ]);
  });

  it("still lists an order without items, and only the header when there are no orders", () => {
    expect(ordersCsv([{ ...order, items: [] }], headers).split("\r\n")).toHaveLength(3);
    expect(ordersCsv([], headers)).toBe(`${CSV_BOM}${orderCsvColumns.join(",")}\r\n`);
  });
});

describe("ordersCsvFilename", () => {
  it("names the file by shop and the day in Vietnam, in ASCII", () => {
    expect(ordersCsvFilename("vuon-xoai-co-hanh", new Date("2025-07-31T18:00:00Z"))).toBe(
      "don-hang-vuon-xoai-co-hanh-2025-08-01.csv",
    );
    expect(ordersCsvFilename('Vườn Cô Hạnh"; x', new Date("2025-07-14T02:00:00Z"))).toBe(
      "don-hang-vuon-co-hanh-x-2025-07-14.csv",
    );
    expect(ordersCsvFilename("", new Date("2025-07-14T02:00:00Z"))).toBe("don-hang-shop-2025-07-14.csv");
  });
});

describe("formatProvinceTime", () => {
  it("shows the time of day in Vietnam, the way each language writes it", () => {
    expect(formatProvinceTime("2025-07-14T02:05:00Z", "vi")).toBe("09:05 14/07/2025");
    expect(formatProvinceTime("2025-07-14T02:05:00Z", "en")).toBe("14/07/2025, 09:05");
  });
});
