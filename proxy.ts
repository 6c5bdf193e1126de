import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/security-headers";

/**
 * Gives every page response a Content-Security-Policy with a fresh nonce;
 * Next.js reads it from the request and puts it on its script tags.
 *
 * This is the only thing the proxy does. It is not an authorization layer:
 * every route handler and page checks the session itself (CVE-2025-29927
 * showed a proxy/middleware can be skipped with one header).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // The root layout's own inline script (the theme set before first paint) needs the nonce too.
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers carry their own policy (next.config.ts), static files need none.
      source: "/((?!api/|metrics|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
