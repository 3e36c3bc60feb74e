import { notFound } from "#app/services/http/replies.server.ts";
// Any URL no other route claims: a styled 404 inside the normal layout.
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
