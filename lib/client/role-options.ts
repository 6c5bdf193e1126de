import type { Role } from "@/lib/schemas/auth";

/** Labels of the roles with what each may do, for role pickers. */
export const roleOptions: readonly { value: Role; label: string; description: string }[] = [
  { value: "viewer", label: "Viewer", description: "reads pipelines and monitors them" },
  { value: "editor", label: "Editor", description: "also edits, previews, deploys and stops" },
  { value: "admin", label: "Admin", description: "also manages users, Kafka connections and the audit log" },
];
