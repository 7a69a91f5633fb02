"use client";

import { useState } from "react";
import useSWR from "swr";
import { contextsSchema, type ContextsAnswer } from "@/lib/auth/session-api";
import { fetchJson, type ApiRequestError } from "./fetch-json";
import { CSRF_HEADER } from "./use-action";

export const CONTEXTS_URL = "/api/contexts";

export interface UseContextsResult {
  data: ContextsAnswer | undefined;
  error: ApiRequestError | undefined;
  /** Set while a switch is being sent. */
  switching: string | null;
  switchError: string | null;
  /** Picks `context` for this browser session, then reloads the page: every view, the live stream and the caches change cluster. */
  select: (context: string) => Promise<void>;
}

/** The dashboard kubeconfig's contexts and this session's (GET/POST /api/contexts). */
export function useContexts(): UseContextsResult {
  const swr = useSWR<ContextsAnswer, ApiRequestError>(CONTEXTS_URL, (url: string) => fetchJson(url, contextsSchema), { revalidateOnFocus: false, shouldRetryOnError: false });
  const [switching, setSwitching] = useState<string | null>(null);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const select = async (context: string) => {
    setSwitching(context);
    setSwitchError(null);
    try {
      const res = await fetch(CONTEXTS_URL, { method: "POST", headers: { "content-type": "application/json", [CSRF_HEADER]: "1" }, body: JSON.stringify({ context }) });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      window.location.reload();
    } catch (error) {
      setSwitchError(error instanceof Error ? error.message : String(error));
      setSwitching(null);
    }
  };
  return { data: swr.data, error: swr.error, switching, switchError, select };
}
