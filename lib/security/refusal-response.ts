import { NextResponse } from "next/server";
import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { requestRefusal } from "./request-guard";

/**
 * proxy.ts' first step: the typed error answer (with the security headers
 * and no-store) when {@link requestRefusal} refuses the request, else null.
 */
export function refusalResponse(request: Request, env: MeshdeckEnv, securityHeaders: Record<string, string>): NextResponse | null {
  const refusal = requestRefusal(request, env);
  if (!refusal) return null;
  const response = NextResponse.json({ error: refusal.error.detail }, { status: refusal.error.status });
  for (const [name, value] of Object.entries({ ...securityHeaders, ...refusal.headers, "Cache-Control": "no-store" })) response.headers.set(name, value);
  return response;
}
