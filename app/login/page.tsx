import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
// Rendered per request so the CSP nonce reaches Next's inline scripts.
export const dynamic = "force-dynamic";

function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  // Same-origin paths only (no open redirect through //host or /\host).
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-lg px-6 py-12">
        <h1 className="mb-2 text-xl font-semibold">Sign in to Meshdeck</h1>
        <p className="mb-6 text-sm text-slate-600">
          Meshdeck acts as you: every Kubernetes call uses your token, so RBAC decides what you can see and change. The token stays on the server; your browser
          keeps only a session cookie.
        </p>
        <LoginForm next={next} />
      </main>
    </>
  );
}
