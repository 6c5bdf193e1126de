import { ShieldAlert } from "lucide-react";
import { StatePanel } from "@/components/ui/StatePanel";

/** What a non-admin sees on an admin page. The API refuses them too; this just says so kindly. */
export function AdminOnlyState({ role }: { role: string }) {
  return (
    <div className="mx-auto mt-8 w-full max-w-3xl rounded-lg border border-slate-200 bg-white" data-testid="admin-only">
      <StatePanel icon={<ShieldAlert />} title="Admins only">
        You are signed in as {role}. Ask an admin if you need access to this page.
      </StatePanel>
    </div>
  );
}
