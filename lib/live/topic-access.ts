import "server-only";
import { parseGraphTopic, type GraphKey } from "@/lib/api/graph";
import { AppError } from "@/lib/errors/app-error";
import { mayList } from "@/lib/k8s/identity/access";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { authorizeGraphKey, GRAPH_RESOURCE } from "@/lib/mesh/graph-access";

/** A named-namespace graph needs `list services` in each; the whole mesh needs it cluster-wide. */
async function authorizeGraphTopic(ctx: UserContext, key: GraphKey): Promise<void> {
  if (key.namespaces.length > 0) {
    await authorizeGraphKey(ctx, key);
    return;
  }
  if (await mayList(ctx, GRAPH_RESOURCE)) return;
  throw new AppError({ code: "Forbidden", message: "Not allowed to list services cluster-wide (the whole-mesh graph)", verb: "list", resource: "services" });
}

/**
 * Refuses (typed 403 naming verb and resource) a subscription to a topic the
 * caller may not see, before the hub creates or computes anything for it.
 * Topics of other families are filtered per event by the hub's access policy.
 */
export async function authorizeTopics(ctx: UserContext, topics: readonly string[]): Promise<void> {
  if (ctx.kind === "server") return;
  await Promise.all(
    topics.map(async (topic) => {
      const key = parseGraphTopic(topic);
      if (!key) return;
      try {
        await authorizeGraphTopic(ctx, key);
      } catch (error) {
        // The body names the refused topic, so the browser drops that one and keeps the others.
        throw error instanceof AppError ? new AppError(error.detail, { extras: { topics: [topic] } }) : error;
      }
    }),
  );
}
