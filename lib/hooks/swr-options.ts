import type { SWRConfiguration } from "swr";
import { nonRetryableCodes } from "@/lib/errors/api-error";
import { ApiRequestError } from "./fetch-json";

export const REFRESH_INTERVAL_MS = 15_000;

/** Whether SWR should retry after `error`: never for Forbidden and other definitive answers. */
export function shouldRetry(error: unknown): boolean {
  return !(error instanceof ApiRequestError && nonRetryableCodes.has(error.detail.code));
}

export const swrOptions: SWRConfiguration = {
  refreshInterval: REFRESH_INTERVAL_MS,
  revalidateOnFocus: true,
  onErrorRetry(error, _key, config, revalidate, { retryCount }) {
    if (!shouldRetry(error) || retryCount >= 5) return;
    const base = config.errorRetryInterval ?? 5_000;
    setTimeout(() => void revalidate({ retryCount }), Math.min(base * 2 ** retryCount, 60_000));
  },
};
