import { NotFoundState } from "@/components/ui/NotFoundState";

/** The 404 page for any URL the app does not know. */
export default function NotFound() {
  return <NotFoundState title="Page not found">This page does not exist. Your pipelines are one click away.</NotFoundState>;
}
