// The import rules of docs/architecture.md, as `npm run lint` enforces them: each case is code a
// later change could bring in, linted with the project's own eslint.config.js.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function rulesBroken(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
}

describe("imports run one way", () => {
  it("refuses a domain module that imports a service", async () => {
    const code = 'import { getDb } from "#app/services/platform/db.server.ts";\nexport const db = getDb;\n';
    expect(await rulesBroken(code, "app/domain/new-rule.ts")).toContain("no-restricted-imports");
  });

  it("refuses a domain module that imports a component or a framework", async () => {
    const ui = 'import { ProductCard } from "#app/ui/product-card.tsx";\nexport const c = ProductCard;\n';
    expect(await rulesBroken(ui, "app/domain/new-rule.ts")).toContain("no-restricted-imports");
    const remix = 'import { data } from "@remix-run/node";\nexport const d = data;\n';
    expect(await rulesBroken(remix, "app/domain/new-rule.ts")).toContain("no-restricted-imports");
  });

  it("refuses a service that imports a component or a route", async () => {
    const ui = 'import type { PhotoData } from "#app/ui/responsive-image.tsx";\nexport type P = PhotoData;\n';
    expect(await rulesBroken(ui, "app/services/new-rule.server.ts")).toContain("no-restricted-imports");
    const route = 'import { loader } from "#app/routes/$.tsx";\nexport const l = loader;\n';
    expect(await rulesBroken(route, "app/services/new-rule.server.ts")).toContain("no-restricted-imports");
  });

  it("lets services import domain, and routes import services", async () => {
    const service = 'import { formatVnd } from "#app/domain/money.ts";\nexport const f = formatVnd;\n';
    expect(await rulesBroken(service, "app/services/new-rule.server.ts")).toEqual([]);
    const route = 'import { getDb } from "#app/services/platform/db.server.ts";\nexport const db = getDb;\n';
    expect(await rulesBroken(route, "app/routes/new-rule.tsx")).toEqual([]);
  });

  it("refuses `import { type X }`, which still loads the module at run time", async () => {
    const code = 'import { type Locale } from "#app/i18n/locales.ts";\nexport type L = Locale;\n';
    expect(await rulesBroken(code, "app/domain/new-rule.ts")).toContain(
      "@typescript-eslint/no-import-type-side-effects",
    );
  });
});

describe("no import cycles", () => {
  it("refuses two app modules that import each other", async () => {
    // Real files: the cycle rule follows imports on disk. Removed again whatever happens.
    const dir = path.resolve(import.meta.dirname, "../app/domain");
    const name = `cycle-${crypto.randomUUID().slice(0, 8)}`;
    const a = path.join(dir, `${name}-a.ts`);
    const b = path.join(dir, `${name}-b.ts`);
    try {
      await fs.writeFile(a, `import { b } from "./${name}-b.ts";\nexport const a = () => b;\n`);
      await fs.writeFile(b, `import { a } from "#app/domain/${name}-a.ts";\nexport const b = () => a;\n`);
      const results = await eslint.lintFiles([a, b]);
      const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
      expect(rules).toEqual(["import-x/no-cycle", "import-x/no-cycle"]);
    } finally {
      await Promise.all([fs.rm(a, { force: true }), fs.rm(b, { force: true })]);
    }
  });
});
