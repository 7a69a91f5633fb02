"use client";

import { useState, type FormEvent } from "react";

/** Token sign-in: POSTs to /api/auth/login; the server keeps the token, the browser gets an httpOnly session cookie. */
export function LoginForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-meshdeck-csrf": "1" },
        body: JSON.stringify({ token: token.trim() }),
      });
      if (response.ok) {
        setToken("");
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `Sign-in failed (HTTP ${response.status})`);
    } catch {
      setError("Cannot reach Meshdeck");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Sign in">
      <label className="block text-sm font-medium text-slate-700" htmlFor="token">
        Kubernetes bearer token
      </label>
      <textarea
        id="token"
        name="token"
        required
        rows={4}
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        className="w-full rounded border border-slate-300 p-2 font-mono text-xs"
        placeholder="kubectl create token <service-account>  ·  or your OIDC id token"
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || token.trim().length === 0} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Checking…" : "Sign in"}
      </button>
    </form>
  );
}
