import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "#app/services/identity/auth.server.ts";
import { cartLineCount, guestCartId } from "#app/services/orders/cart.server.ts";
import { localeFromRequest, makeT } from "#app/i18n/i18n.ts";
import { defaultLocale } from "#app/i18n/locales.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import stylesHref from "#app/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const cartCount = await cartLineCount({
    userId: user?.id ?? null,
    guestCartId: user ? null : await guestCartId(request),
  });
  return {
    locale: localeFromRequest(request),
    cartCount,
    user: user && { name: user.name, roles: user.roles },
  };
}

function Document({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const t = makeT(locale);
  const location = useLocation();
  const user = data?.user;
  const back = `${location.pathname}${location.search}`;
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14613b" />
        <Meta />
        <Links />
      </head>
      <body>
        {/* Marks the page as scripted before first paint, so .js-only controls show only when they work. */}
        <script dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />
        <a className="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand" aria-label={t("nav.home")}>
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            {t("app.name")}
          </Link>
          <nav className="site-nav" aria-label={t("nav.account")}>
            <Form method="post" action="/locale" className="inline-form">
              <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
              <input type="hidden" name="redirectTo" value={back} />
              <button type="submit" className="link-button" lang={locale === "vi" ? "en" : "vi"}>
                {t("nav.switchTo")}
              </button>
            </Form>
            <Link to="/gio-hang" data-testid="cart-link">
              {data?.cartCount ? t("nav.cartCount", { count: data.cartCount }) : t("nav.cart")}
            </Link>
            {user ? (
              <>
                {user.roles.includes("volunteer") ? (
                  <Link to="/onboarding">{t("onboarding.title")}</Link>
                ) : null}
                {user.roles.includes("seller") || user.roles.includes("volunteer") ? (
                  <Link to="/shop">{t("shop.title")}</Link>
                ) : null}
                {user.roles.includes("admin") ? <Link to="/admin">{t("nav.admin")}</Link> : null}
                <Link to="/account">{user.name}</Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/tra-cuu-don-hang">{t("nav.orderLookup")}</Link>
                <Link to={`/login?${new URLSearchParams({ redirectTo: back })}`}>{t("nav.signIn")}</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>{t("footer.about")}</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
