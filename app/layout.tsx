import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SessionProvider } from "@/components/auth/SessionProvider";
import { AppHeader } from "@/components/shell/AppHeader";
import { themeBootScript } from "@/components/shell/theme-preference";
import { currentUser } from "@/lib/server/auth/page-session";
import "./globals.css";

// The logo mark inlined, so the tab icon needs no static file.
const logoIcon =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#4f46e5"/>' +
      '<path d="M5 8h5.5c2 0 3 1 4 2.5S16.5 13 18.5 13H19M5 16h5.5c2 0 3-1 4-2.5" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/>' +
      '<circle cx="5" cy="8" r="1.4" fill="#fff"/><circle cx="5" cy="16" r="1.4" fill="#fff"/></svg>',
  );

export const metadata: Metadata = {
  title: { default: "Streamline", template: "%s · Streamline" },
  description: "A visual builder for Kafka stream pipelines",
  icons: { icon: logoIcon },
};

/** The app shell: a slim header above a page that fills the rest of the window. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The page's Content-Security-Policy allows inline scripts only with this request's nonce (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script sets the theme class on <html> before hydration; React must not warn about it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="flex flex-col">
        <AppHeader user={user && { name: user.name, email: user.email, role: user.role }} />
        <main className="flex min-h-0 flex-1 flex-col">
          <SessionProvider role={user?.role ?? null}>{children}</SessionProvider>
        </main>
      </body>
    </html>
  );
}
