import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["#tests/*", "../shared/*", "../../shared/*"],
              message: "App code may not import tests or ../shared.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may import test helpers.
    files: ["tests/**", "**/*.test.ts", "**/*.spec.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Components never import server modules; Remix would bundle them for the browser.
    files: ["app/ui/**", "app/i18n/**", "app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/*.server", "**/*.server.ts"],
              message: "Browser-safe code may not import server modules.",
            },
          ],
        },
      ],
    },
  },
);
