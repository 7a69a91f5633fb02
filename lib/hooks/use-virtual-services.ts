"use client";

import { virtualServiceListSchema } from "@/lib/api/virtual-services";
import { useApi } from "./use-api";

export function virtualServicesUrl(namespace?: string): string {
  return namespace ? `/api/virtualservices?${new URLSearchParams({ namespace }).toString()}` : "/api/virtualservices";
}

/** VirtualServices in `namespace`, or in all namespaces when omitted. */
export function useVirtualServices(namespace?: string) {
  return useApi(virtualServicesUrl(namespace), virtualServiceListSchema);
}
