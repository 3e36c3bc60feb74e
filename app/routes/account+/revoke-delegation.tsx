import { badRequest } from "#app/services/http/replies.server.ts";
// POST /account/revoke-delegation — the seller ends the onboarding volunteer's access to their shop.
//
// Form fields (application/x-www-form-urlencoded or multipart):
//   sellerId  the id of the shop; the signed-in user must be its owner (anyone else gets 403).
// Example:
//   <Form method="post" action="/account/revoke-delegation">
//     <input type="hidden" name="sellerId" value={shop.id} />
//     <button type="submit">…</button>
//   </Form>
// On success it redirects to /account. A GET also goes back to /account.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { revokeDelegation } from "#app/services/onboarding/handover.server.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { recordId } from "#app/domain/form-fields.ts";

const RevokeDelegationSchema = z.object({
  sellerId: recordId("validation.required"),
});

export async function loader() {
  return redirect("/account");
}

export async function action({ request }: ActionFunctionArgs) {
  const owner = await requireUser(request);
  const submission = parseWithZod(await readFormBody(request), { schema: RevokeDelegationSchema });
  if (submission.status !== "success") throw badRequest();
  await revokeDelegation(owner, submission.value.sellerId);
  return redirect("/account");
}

// Nothing to show: the action redirects. The component exists so a refused request (403, 400)
// renders the translated error page, with or without JavaScript.
export default function RevokeDelegation() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
