import type { Role } from "@/lib/schemas/auth";

/** Who is making a request, as established by `authenticate`. */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  /** The effective role: for a token, the lesser of the token's role and its owner's current role. */
  role: Role;
  via: "session" | "token";
  /** The API token's id when `via` is "token". */
  tokenId?: string;
};
