import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { logout } from "#app/services/identity/auth.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await logout(request) } });
}
