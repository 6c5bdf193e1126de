/**
 * The HTTP security headers. Pages get a Content-Security-Policy with a fresh
 * nonce per response (proxy.ts); API answers get a policy that allows nothing,
 * since they are data, never documents.
 */

/** Headers every response carries (set in next.config.ts). */
export const baseSecurityHeaders: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/** The policy of API and metrics answers: nothing may load, nothing may frame them. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of pages. Scripts run only with this response's nonce (Next.js
 * puts it on its own script tags) and what those load ('strict-dynamic'):
 * no inline handlers, no eval, no other origin. Styles allow inline because
 * React Flow, Recharts and CodeMirror position elements with style
 * attributes and injected style sheets; styles cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
