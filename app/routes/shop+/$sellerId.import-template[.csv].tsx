// The import template: a header row and two example rows, in UTF-8 with a byte-order mark (without
// it, Excel on Windows reads the accents as a legacy code page). Semicolons, decimal commas and dot
// thousands, as Excel in vi-VN writes and reads CSV; the import also takes commas.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { importFields, templateHeaders } from "#app/domain/product-import.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";

const examples = [
  ["Xoài cát Hòa Lộc", "Trái cây", "kg", "0,5", "65.000", "20", "Xoài chín cây ở Cam Lâm, ngọt thơm."],
  [
    "Nước mắm cá cơm 40 độ đạm",
    "Nước mắm, muối",
    "chai",
    "1",
    "120.000",
    "30",
    "Chai 500 ml, ủ chượp 12 tháng.",
  ],
];

const cell = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireShop(request, params.sellerId ?? "");
  const rows = [importFields.map((f) => templateHeaders[f]), ...examples];
  const csv = `\uFEFF${rows.map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mau-nhap-san-pham.csv"',
      "Cache-Control": "private, max-age=0",
    },
  });
}
