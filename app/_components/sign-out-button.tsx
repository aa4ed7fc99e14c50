import { signOut } from "@/lib/actions/sign-out";
import { isSignedIn, passwordRequired } from "@/lib/auth/server";
import { Button } from "@/components/ui/button";

/** Shown in the header only when a password is set and this visitor is signed in (not on a share page visit). */
export async function SignOutButton() {
  if (!passwordRequired() || !(await isSignedIn())) return null;
  return (
    <form action={signOut} className="ml-auto">
      <Button type="submit" variant="ghost" size="sm">
        Sign out
      </Button>
    </form>
  );
}
