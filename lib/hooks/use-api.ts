"use client";

import { useState } from "react";
import useSWR from "swr";
import type { z } from "zod";
import { fetchJson, type ApiRequestError } from "./fetch-json";
import { REFRESH_INTERVAL_MS, shouldRetry, swrOptions } from "./swr-options";

/**
 * SWR over a Meshdeck API route, validated with `schema`. Polls while healthy;
 * after a definitive error (Forbidden, CrdMissing, …) it neither retries nor
 * polls that key until it succeeds again (focus or reconnect still revalidate).
 */
export function useApi<T>(url: string, schema: z.ZodType<T>) {
  const [stoppedUrl, setStoppedUrl] = useState<string | null>(null);
  return useSWR<T, ApiRequestError>(url, (key: string) => fetchJson(key, schema), {
    ...swrOptions,
    refreshInterval: stoppedUrl === url ? 0 : REFRESH_INTERVAL_MS,
    onError: (error, key) => {
      if (!shouldRetry(error)) setStoppedUrl(key);
    },
    onSuccess: (_data, key) => {
      setStoppedUrl((current) => (current === key ? null : current));
    },
  });
}
