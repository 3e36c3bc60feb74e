// The language switch: a plain form POST (works without JavaScript) that sets the "lang" cookie.
import { type ActionFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "#app/domain/redirects.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { localeCookieName } from "#app/i18n/i18n.ts";
import { locales } from "#app/i18n/locales.ts";

const LocaleForm = z.object({ locale: z.enum(locales), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LocaleForm.safeParse(Object.fromEntries(await readFormBody(request)));
  if (!parsed.success) return data({ error: "locale must be vi or en" }, { status: 400 });
  const oneYear = 60 * 60 * 24 * 365;
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: {
      "Set-Cookie": `${localeCookieName}=${parsed.data.locale}; Path=/; Max-Age=${oneYear}; SameSite=Lax`,
    },
  });
}
