import { NextResponse } from "next/server";
import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { apiOptions, requestRefusal } from "./request-guard";

/**
 * proxy.ts' first step: the typed error answer when {@link requestRefusal}
 * refuses the request, 204 with Allow for OPTIONS on /api, else null. With
 * the security headers and no-store.
 */
export function refusalResponse(request: Request, env: MeshdeckEnv, securityHeaders: Record<string, string>): NextResponse | null {
  const refusal = requestRefusal(request, env);
  const allow = refusal ? null : apiOptions(request.method.toUpperCase(), new URL(request.url).pathname);
  if (!refusal && allow === null) return null;
  const response = refusal ? NextResponse.json({ error: refusal.error.detail }, { status: refusal.error.status }) : new NextResponse(null, { status: 204, headers: { Allow: allow ?? "" } });
  for (const [name, value] of Object.entries({ ...securityHeaders, ...refusal?.headers, "Cache-Control": "no-store" })) response.headers.set(name, value);
  return response;
}
