"use client";

import useSWR from "swr";
import { accessAnswerSchema, deniedText, type AccessVerb } from "@/lib/api/access";
import { fetchJson, type ApiRequestError } from "./fetch-json";

export interface AccessRequest {
  verb: AccessVerb;
  /** API group; "" for the core group. */
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export function accessUrl(req: AccessRequest): string {
  const params = new URLSearchParams({ verb: req.verb, group: req.group, resource: req.resource });
  if (req.namespace) params.set("namespace", req.namespace);
  if (req.name) params.set("name", req.name);
  return `/api/access?${params.toString()}`;
}

export type AccessState = "allowed" | "denied" | "unknown";

export interface UseAccessResult {
  state: AccessState;
  /** Set when denied: "You may not patch virtualservices.networking.istio.io in default". */
  reason: string | null;
}

/** The caller may patch VirtualServices in `namespace`: what the traffic actions need. */
export function patchVirtualServices(namespace: string): AccessRequest {
  return { verb: "patch", group: "networking.istio.io", resource: "virtualservices", namespace };
}

/** The caller may patch DestinationRules in `namespace` (traffic policies). */
export function patchDestinationRules(namespace: string): AccessRequest {
  return { verb: "patch", group: "networking.istio.io", resource: "destinationrules", namespace };
}

/**
 * Whether the caller may do `req` (SelfSubjectAccessReview via /api/access).
 * "unknown" while loading or when the check itself failed: the control stays
 * usable then, and the server's RBAC still decides (a 403 names the verb).
 */
export function useAccess(req: AccessRequest | null): UseAccessResult {
  const url = req ? accessUrl(req) : null;
  const { data } = useSWR<{ allowed: boolean }, ApiRequestError>(url, (key: string) => fetchJson(key, accessAnswerSchema), {
    refreshInterval: 60_000,
    revalidateOnFocus: true,
    shouldRetryOnError: false,
  });
  if (!req || !data) return { state: "unknown", reason: null };
  return data.allowed ? { state: "allowed", reason: null } : { state: "denied", reason: deniedText(req) };
}
