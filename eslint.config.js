import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Import patterns refused in app code; a later block's no-restricted-imports replaces an earlier
// one's, so every block lists all that apply to it through restrictImports().
const testsOrShared = {
  group: ["#tests/*", "../shared/*", "../../shared/*"],
  message: "App code may not import tests or ../shared.",
};
const serverModules = {
  group: ["**/*.server", "**/*.server.ts"],
  message: "Browser-safe code may not import server modules.",
};
const restrictImports = (...patterns) => ["error", { patterns: [testsOrShared, ...patterns] }];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "app/generated/",
      "node_modules/",
      "test-results/",
      "tests/.tmp/",
      ".cache/",
      "data/",
      "bench/.out/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // With verbatimModuleSyntax, `import { type X }` still loads the module; `import type` does not.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": restrictImports(),
    },
  },
  {
    // Tests may import test helpers.
    files: ["tests/**", "**/*.test.ts", "**/*.spec.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Components never import server modules; Remix would bundle them for the browser.
    files: ["app/ui/**", "app/i18n/**"],
    rules: { "no-restricted-imports": restrictImports(serverModules) },
  },
  {
    // Imports run one way (docs/architecture.md): routes → ui, services → domain. Within app/ no
    // module may reach itself again through its imports; type-only imports are erased and don't count.
    files: ["app/**"],
    // The TypeScript preset tells import-x how to parse the .ts/.tsx files it follows.
    ...importX.flatConfigs.typescript,
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createNodeResolver()],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["app/domain/**"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrictImports(
        serverModules,
        {
          group: ["#app/services/*", "#app/ui/*", "#app/routes/*", "**/services/*", "**/ui/*", "**/routes/*"],
          message: "domain/ is plain TypeScript: it imports nothing of services, ui or routes.",
        },
        {
          group: ["@remix-run/*", "react", "react-dom", "@prisma/*", "#app/generated/*"],
          message: "domain/ is plain TypeScript: no framework, database or vendor imports.",
        },
      ),
    },
  },
  {
    files: ["app/services/**"],
    ignores: ["app/services/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrictImports({
        group: ["#app/ui/*", "#app/routes/*", "**/ui/*", "**/routes/*", "#app/root.tsx"],
        message: "services/ import nothing of ui or routes: move the shared type to domain/.",
      }),
    },
  },
);
