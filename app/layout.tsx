import type { Metadata, Viewport } from "next";
import { SiteHeader } from "./_components/site-header";
import { ExposureBanner } from "./_components/exposure-banner";
import { SignOutButton } from "./_components/sign-out-button";
import { InlineStylesheets } from "./_components/inline-stylesheets";
import "./globals.css";

// No web font for monospace (seeds, ids): the system's is fine, and its 70 KiB preload on every page was not.
export const metadata: Metadata = {
  title: { default: "SD3 Playground", template: "%s · SD3 Playground" },
  description: "Run Stable Diffusion 3 / 3.5 prompts on several hosted APIs, compare them and keep every result.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="bg-background text-foreground min-h-dvh font-sans antialiased">
        <InlineStylesheets />
        {/* auth: the warning shows when reachable from the network without PLAYGROUND_PASSWORD; the sign-out
            button only when a password is set and the visitor is signed in. */}
        <ExposureBanner />
        <SiteHeader>
          <SignOutButton />
        </SiteHeader>
        {children}
      </body>
    </html>
  );
}
