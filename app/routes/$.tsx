// Any URL no other route claims: a styled 404 inside the normal layout.
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
