"use client";

import { namespaceListSchema } from "@/lib/api/namespaces";
import { useApi } from "./use-api";

export const NAMESPACES_URL = "/api/namespaces";

export function useNamespaces() {
  return useApi(NAMESPACES_URL, namespaceListSchema);
}
