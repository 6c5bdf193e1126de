import { createdTokenResponse, tokenListResponse, tokenResponse, type CreateTokenBody, type TokenView } from "@/lib/schemas/tokens";
import { request } from "../api-client";

/** The API tokens API from the browser (browser sessions only). */

export type { TokenView };

/** The signed-in user's tokens, never their secrets. */
export async function listTokens(signal?: AbortSignal): Promise<TokenView[]> {
  return (await request("GET", "/api/tokens", { signal, schema: tokenListResponse })).tokens;
}

/** Creates a token; its secret is in this answer only. */
export async function createToken(input: CreateTokenBody): Promise<{ token: TokenView; secret: string }> {
  return request("POST", "/api/tokens", { json: input, schema: createdTokenResponse });
}

/** Revokes a token (yours; an admin may revoke anyone's). */
export async function revokeToken(id: string): Promise<TokenView> {
  return (await request("DELETE", `/api/tokens/${encodeURIComponent(id)}`, { schema: tokenResponse })).token;
}
