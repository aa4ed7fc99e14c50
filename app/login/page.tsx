import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/paths";
import { isSignedIn, passwordRequired } from "@/lib/auth/server";
import { SignInForm } from "./_components/sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: raw } = await searchParams;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  // Nothing to sign in to, or already signed in: go where the visitor was heading.
  if (!passwordRequired() || (await isSignedIn())) redirect(next);
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto flex max-w-sm flex-col gap-6 px-4 py-16">
      <div className="space-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
        <p className="text-muted-foreground text-sm">
          This playground is private. Enter the password it was started with (<code>PLAYGROUND_PASSWORD</code>).
        </p>
      </div>
      <SignInForm next={next} />
    </main>
  );
}
