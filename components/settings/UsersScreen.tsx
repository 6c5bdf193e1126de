"use client";

import { CircleAlert, RefreshCw, UserPlus } from "lucide-react";
import { useState } from "react";
import type { Role } from "@/lib/schemas/auth";
import { listUsers, updateUser, type UserView } from "@/lib/client/api/users";
import { roleOptions } from "@/lib/client/role-options";
import { errorMessage } from "@/lib/client/api-error";
import { formatRelativeTime } from "@/lib/client/format-relative-time";
import { useApiResource } from "@/lib/client/use-api-resource";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/Button";
import { Select } from "@/components/ui/Select";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { NewUserDialog } from "./NewUserDialog";
import { SetPasswordDialog } from "./SetPasswordDialog";
import { SettingsPage } from "./SettingsPage";
import { SettingsTable } from "./SettingsTable";

/** `/settings/users`: every account with its role; admins create users, change roles and disable accounts. */
export function UsersScreen({ currentUserId }: { currentUserId: string }) {
  const { state, reload } = useApiResource(listUsers);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [settingPassword, setSettingPassword] = useState<UserView | null>(null);
  const now = useNow();

  async function change(user: UserView, patch: { role?: Role; disabled?: boolean }) {
    setFailure(null);
    try {
      await updateUser(user.id, patch);
    } catch (error) {
      setFailure(`Could not change ${user.name}: ${errorMessage(error)}`);
    }
    reload();
  }

  return (
    <SettingsPage
      title="Users"
      description="Who can sign in, and what each may do. Disabling an account signs it out everywhere and stops its API tokens."
      actions={
        <Button variant="primary" icon={<UserPlus />} onClick={() => setCreating(true)} data-testid="new-user">
          New user
        </Button>
      }
    >
      {failure && (
        <p role="alert" className="mb-3 flex items-center gap-2 text-xs text-red-700" data-testid="users-failure">
          <CircleAlert className="size-3.5" aria-hidden="true" />
          {failure}
        </p>
      )}
      {state.status === "loading" && <Skeleton className="h-40 w-full" />}
      {state.status === "error" && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <StatePanel icon={<CircleAlert />} tone="danger" title="Could not load users" actions={<Button icon={<RefreshCw />} onClick={reload}>Try again</Button>}>
            {state.message}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && (
        <SettingsTable
          testId="users-table"
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col" className="w-40">Role</th>
              <th scope="col" className="w-28">Status</th>
              <th scope="col" className="w-32">Created</th>
              <th scope="col" className="w-44 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {state.value.map((user) => (
            <tr key={user.id} data-testid="user-row" className={user.disabled ? "text-slate-500" : undefined}>
              <td className="font-medium text-slate-900">
                <span className="block max-w-56 truncate" title={user.name}>
                  {user.name}
                </span>
                {user.id === currentUserId && <span className="text-xs font-normal text-slate-500">you</span>}
              </td>
              <td className="text-slate-600">
                <span className="block max-w-64 truncate" title={user.email}>
                  {user.email}
                </span>
              </td>
              <td>
                <Select
                  aria-label={`Role of ${user.name}`}
                  value={user.role}
                  options={roleOptions}
                  disabled={user.id === currentUserId}
                  onChange={(event) => void change(user, { role: event.target.value as Role })}
                />
              </td>
              <td>
                <span className={user.disabled ? "text-slate-500" : "text-slate-700"}>{user.disabled ? "Disabled" : "Active"}</span>
              </td>
              <td className="text-slate-500" title={new Date(user.createdAt).toLocaleString()}>
                {formatRelativeTime(user.createdAt, now)}
              </td>
              <td className="text-right whitespace-nowrap">
                <Button size="sm" variant="ghost" onClick={() => setSettingPassword(user)}>
                  Password
                </Button>
                {user.id !== currentUserId && (
                  <Button size="sm" variant={user.disabled ? "secondary" : "ghost"} onClick={() => void change(user, { disabled: !user.disabled })}>
                    {user.disabled ? "Enable" : "Disable"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </SettingsTable>
      )}
      <SetPasswordDialog user={settingPassword} onClose={() => setSettingPassword(null)} />
      <NewUserDialog open={creating} onClose={() => setCreating(false)} onCreated={reload} />
    </SettingsPage>
  );
}
