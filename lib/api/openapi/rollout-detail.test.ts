import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./build";
import { operations } from "./operations";

type Schema = { properties?: Record<string, Schema>; items?: Schema; description?: string; anyOf?: Schema[] };

describe("GET /api/rollouts/{namespace}/{name} in the OpenAPI document", () => {
  const doc = buildOpenApi(operations, { title: "Meshdeck API", version: "test" }) as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>> };
  const rollout = doc.paths["/api/rollouts/{namespace}/{name}"]?.get?.responses["200"]?.content["application/json"]?.schema.properties?.rollout;

  it("types the scaling view, the workloadRef and every revision's pods", () => {
    const scaling = rollout?.properties?.scaling;
    expect(scaling?.description).toContain("dynamicStableScale");
    expect(Object.keys(scaling?.properties ?? {})).toEqual(
      expect.arrayContaining(["maxSurge", "maxUnavailable", "dynamicStableScale", "abortScaleDownDelaySeconds", "abortScaleDownAt", "canaryScale", "desired", "workloadRef"]),
    );
    const workloadRef = scaling?.properties?.workloadRef?.anyOf?.find((s) => s.properties);
    expect(Object.keys(workloadRef?.properties ?? {})).toEqual(expect.arrayContaining(["kind", "name", "scaleDown", "found", "images"]));
    const revision = rollout?.properties?.revisions?.items;
    expect(revision?.properties?.roles?.items).toMatchObject({ enum: expect.arrayContaining(["older", "experiment"]) });
    expect(Object.keys(revision?.properties?.pods?.items?.properties ?? {})).toEqual(expect.arrayContaining(["name", "phase", "ready", "restarts", "images", "replicaSet"]));
    expect(Object.keys(rollout?.properties?.steps?.items?.properties ?? {})).toContain("canaryScale");
  });
});
