import type { NextRequest } from "next/server";
import { graphKey, graphQuerySchema, graphTopic, type GraphResponse } from "@/lib/api/graph";
import { parseQuery } from "@/lib/api/query";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse } from "@/lib/errors/to-response";
import { authorizeGraphKey } from "@/lib/mesh/graph-access";
import { graphSnapshot } from "@/lib/mesh/graph-snapshot";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/graph?namespaces=a,b&window=5m&type=versionedApp&idle=1`: the shared graph snapshot of that key. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const query = parseQuery(request, graphQuerySchema);
    const key = await authorizeGraphKey(requestIdentity(request), graphKey(query));
    const snap = await graphSnapshot(key);
    const body: GraphResponse = {
      graph: snap.graph as GraphResponse["graph"],
      namespaces: [...key.namespaces],
      window: key.window,
      idle: key.idle,
      topic: graphTopic(key),
      computedAt: snap.computedAt,
    };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
