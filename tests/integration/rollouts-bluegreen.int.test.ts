import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseManifests } from "../../lab/core/manifests.js";
import { applyHealthyRollout, endRolloutsTest, rolloutAction, rolloutDetailOf, setRolloutImage } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import type { RolloutDetail } from "@/lib/api/rollouts";

// A blue-green Rollout through promote, abort, retry and promote --full, all
// through the route handlers, against the real Argo Rollouts controller: the
// detail says what the active and preview Services select at each stage.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;

const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-bg");
const NAME = "checkout";
const IMAGE = (v: string) => `ghcr.io/meshdeck-demo/checkout:${v}`;

const manifest = parseManifests(`
apiVersion: v1
kind: Service
metadata: {name: checkout-active}
spec: {selector: {app: checkout}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: checkout-preview}
spec: {selector: {app: checkout}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ${NAME}}
spec:
  replicas: 2
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: checkout}}
  strategy:
    blueGreen:
      activeService: checkout-active
      previewService: checkout-preview
      autoPromotionEnabled: false
      previewReplicaCount: 1
      scaleDownDelaySeconds: 600
  template:
    metadata: {labels: {app: checkout}}
    spec:
      containers:
      - name: checkout
        image: ${IMAGE("2.3")}
        ports: [{name: http, containerPort: 8080}]
`);

const detailUntil = (what: string, ok: (d: RolloutDetail) => boolean) =>
  eventually(what, async () => {
    const d = await rolloutDetailOf(ns, NAME);
    return ok(d) ? d : undefined;
  }, 120_000);

async function selector(service: string): Promise<string | undefined> {
  const svc = await admin.get<{ spec: { selector: Record<string, string> } }>("v1", "Service", ns, service);
  return svc.spec.selector["rollouts-pod-template-hash"];
}

beforeAll(async () => {
  await applyHealthyRollout(ns, manifest, NAME);
}, 180_000);

afterAll(() => endRolloutsTest([ns]));

describe("a blue-green Rollout with the real Argo Rollouts controller", () => {
  it("new image → the preview Service selects the new revision at its preview replica count, the active one the old; waits for a promote", async () => {
    await setRolloutImage(ns, NAME, "checkout", IMAGE("2.4"));
    const d = await detailUntil("paused with the preview up", (v) => v.rollout.pause?.reason === "BlueGreenPause" && v.rollout.blueGreen?.preview?.ready === 1);
    const bg = d.rollout.blueGreen;
    expect(bg?.active).toMatchObject({ service: "checkout-active", revision: 1, images: [IMAGE("2.3")], ready: 2 });
    expect(bg?.preview).toMatchObject({ service: "checkout-preview", revision: 2, images: [IMAGE("2.4")], desired: 1 });
    expect(bg?.active.selector).toBe(await selector("checkout-active"));
    expect(bg?.preview?.selector).toBe(await selector("checkout-preview"));
    expect(bg).toMatchObject({ autoPromotionEnabled: false, autoPromotesAt: null, previewReplicaCount: 1, scaleDownDelaySeconds: 600 });
    expect(d.rollout.promotionPending).toBe(true);
    expect(d.rollout.actions.promote.enabled).toBe(true);
  });

  it("promote → the active Service switches to the new revision; the old one waits out its scale-down delay", async () => {
    await rolloutAction(ns, NAME, "promote");
    const d = await detailUntil("active on revision 2", (v) => v.rollout.blueGreen?.active.revision === 2 && v.rollout.phase === "Healthy" && !!v.rollout.blueGreen.scaleDown);
    expect(d.rollout.blueGreen?.active.selector).toBe(await selector("checkout-active"));
    const old = d.rollout.revisions.find((r) => r.revision === 1);
    expect(d.rollout.blueGreen?.scaleDown?.replicaSet).toBe(old?.name);
    const left = Date.parse(d.rollout.blueGreen?.scaleDown?.deadline ?? "") - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(600_000);
  });

  it("abort → the active Service stays on the stable revision; retry → paused on the preview again; promote --full → active on the new one", async () => {
    await setRolloutImage(ns, NAME, "checkout", IMAGE("2.5"));
    await detailUntil("paused with revision 3 in preview", (v) => v.rollout.pause?.reason === "BlueGreenPause" && v.rollout.blueGreen?.preview?.revision === 3);
    await rolloutAction(ns, NAME, "abort");
    const aborted = await detailUntil("aborted", (v) => v.rollout.aborted && v.rollout.phase === "Degraded");
    expect(aborted.rollout.blueGreen?.active.revision).toBe(2);
    expect(await selector("checkout-active")).toBe(aborted.rollout.blueGreen?.active.selector);
    expect(aborted.rollout.actions.retry.enabled).toBe(true);
    await rolloutAction(ns, NAME, "retry");
    await detailUntil("paused again on revision 3", (v) => !v.rollout.aborted && v.rollout.pause?.reason === "BlueGreenPause" && v.rollout.blueGreen?.preview?.revision === 3);
    await rolloutAction(ns, NAME, "promote", { full: true });
    const done = await detailUntil("Healthy on revision 3", (v) => v.rollout.phase === "Healthy" && v.rollout.blueGreen?.active.revision === 3);
    expect(done.rollout.blueGreen?.active.images).toEqual([IMAGE("2.5")]);
    expect(await selector("checkout-active")).toBe(done.rollout.blueGreen?.active.selector);
  });
});
