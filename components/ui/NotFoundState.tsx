import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { StatePanel } from "./StatePanel";

/** A friendly 404: what was not found and the way back to the pipelines. */
export function NotFoundState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-1 items-center justify-center" data-testid="not-found">
      <StatePanel
        icon={<FileQuestion />}
        title={title}
        actions={
          <Link
            href="/"
            className="inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-sm font-medium text-white shadow-sm hover:bg-indigo-700"
          >
            Go to pipelines
          </Link>
        }
      >
        {children}
      </StatePanel>
    </div>
  );
}
