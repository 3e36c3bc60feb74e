// Form schemas shared by the server (validation) and the browser (inline errors).
// Messages are i18n keys; the page translates them.
import { z } from "zod";
import { normalizeVietnamesePhone } from "./phone.ts";

const identifier = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .refine((v) => (v.includes("@") ? z.email().safeParse(v).success : normalizeVietnamesePhone(v) !== null), {
    error: "validation.identifier",
  });

export const LoginFormSchema = z.object({
  identifier,
  password: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.tooLong"),
  remember: z.boolean().optional(),
  redirectTo: z.string().max(2000).optional(),
});
