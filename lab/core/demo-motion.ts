import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { waitFor } from "./http.js";
import type { KubeObject, LabKube } from "./kube-client.js";
import { repoRoot } from "./paths.js";

// The demo world's motion (lab/demo/motion.yaml): once the world is ready,
// each listed Rollout gets a new version, applied with a field manager of its
// own so that re-applying the world (which takes the fields back) and then
// releasing that manager restores the Rollout exactly.

const motionSchema = z.object({
  rollouts: z.array(
    z.object({
      namespace: z.string().min(1),
      name: z.string().min(1),
      image: z.string().min(1),
      annotations: z.record(z.string(), z.string()).default({}),
      labels: z.record(z.string(), z.string()).default({}),
      /** Where the controller takes the new version by itself: to a pause, or aborted (a failing analysis). */
      until: z.enum(["paused", "aborted"]).default("paused"),
      /** While `npm run demo` runs, retry the aborted update this many seconds after the abort, again and again. */
      retryAfterSeconds: z.number().int().positive().optional(),
    }),
  ),
});
export type Motion = z.infer<typeof motionSchema>;
type MotionRollout = Motion["rollouts"][number];

export const motionFile = path.join(repoRoot, "lab", "demo", "motion.yaml");
const MANAGER = "meshdeck-demo-motion";
const ROLLOUT = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout" } as const;

interface RolloutStatus {
  metadata: { generation?: number };
  status?: { phase?: string; observedGeneration?: string | number; stableRS?: string; currentPodHash?: string; currentStepIndex?: number; promoteFull?: boolean; abort?: boolean };
}

export function readMotion(file = motionFile): Motion {
  return motionSchema.parse(parse(fs.readFileSync(file, "utf8")));
}

/** Gives up what an earlier motion set, after the world was re-applied over it. */
export async function releaseMotion(kube: LabKube, motion: Motion): Promise<void> {
  for (const r of motion.rollouts) await kube.apply({ ...ROLLOUT, metadata: { name: r.name, namespace: r.namespace } }, MANAGER);
}

type Status = NonNullable<RolloutStatus["status"]>;

/** The Rollout's status once the controller has seen its current spec, else null. */
async function seenStatus(kube: LabKube, r: MotionRollout): Promise<Status | null> {
  const o = await kube.get<RolloutStatus>(ROLLOUT.apiVersion, ROLLOUT.kind, r.namespace, r.name);
  return o.status && String(o.status.observedGeneration) === String(o.metadata.generation) ? o.status : null;
}

/**
 * Waits until the Rollout runs the world's version as its stable one. Going
 * back to the stable version is immediate; a world whose template changed
 * since the last run (or a canary promoted meanwhile) starts a canary of its
 * own, which is promoted in full, as `kubectl argo rollouts promote --full`
 * does. The promotion is sent again whenever the controller waits without it:
 * a new pod template resets status.promoteFull, so one sent just before the
 * controller saw the template (the world re-applied, the motion released) is lost.
 */
async function settle(kube: LabKube, r: MotionRollout): Promise<void> {
  let last: unknown = null;
  const healthy = async () => {
    const s = await seenStatus(kube, r);
    last = s ?? "not observed yet (status.observedGeneration behind metadata.generation)";
    if (!s) return false;
    if (s.phase === "Healthy" && s.stableRS === s.currentPodHash) return true;
    if ((s.phase === "Paused" || s.phase === "Degraded") && s.stableRS !== s.currentPodHash && !s.promoteFull) {
      await kube.patch(ROLLOUT.apiVersion, ROLLOUT.kind, r.namespace, r.name, { status: { abort: false, promoteFull: true } }, "merge", "status");
    }
    return false;
  };
  await waitFor(`Rollout ${r.namespace}/${r.name} Healthy`, healthy, 120_000, 500).catch((e: unknown) => {
    // Say where the controller left it, so a failed settle can be told from a stalled controller.
    throw new Error(`${e instanceof Error ? e.message : String(e)}; last status: ${JSON.stringify(last)}`);
  });
}

/** The Rollout's new version, as the world declares it but for the motion's image, labels and annotations. */
function nextVersion(r: MotionRollout, world: KubeObject[]): KubeObject {
  const base = world.find((o) => o.kind === ROLLOUT.kind && o.metadata.namespace === r.namespace && o.metadata.name === r.name);
  const containers = structuredClone((base?.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers);
  const first = containers?.[0];
  if (!containers || !first) throw new Error(`lab/demo/motion.yaml: no Rollout ${r.namespace}/${r.name} with a container in lab/demo/world`);
  first.image = r.image;
  return { ...ROLLOUT, metadata: { name: r.name, namespace: r.namespace }, spec: { template: { metadata: { labels: r.labels, annotations: r.annotations }, spec: { containers } } } };
}

/** Whether the Rollout stands where the motion takes it: paused on its canary, or aborted with the canary as its update. */
export function arrived(r: Pick<MotionRollout, "until">, s: Status | null): boolean {
  if (!s || s.stableRS === s.currentPodHash) return false;
  return r.until === "aborted" ? s.phase === "Degraded" && s.abort === true : s.phase === "Paused";
}

async function move(kube: LabKube, r: MotionRollout, world: KubeObject[], log: (m: string) => void): Promise<void> {
  const key = `${r.namespace}/${r.name}`;
  await settle(kube, r);
  await kube.apply(nextVersion(r, world), MANAGER);
  await waitFor(`Rollout ${key} ${r.until} on its canary`, async () => arrived(r, await seenStatus(kube, r)), 180_000, 500);
  log(`Rollout ${key}: ${r.image} ${r.until === "aborted" ? "aborted by the controller" : "paused mid-canary"}`);
}

interface RolloutNow extends RolloutStatus {
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
}

/**
 * Whether every Rollout of the motion already runs a canary of the motion's
 * version (waiting at a pause, or still on its way there): the world is in
 * motion as `npm run demo` leaves it, and re-applying it would only race the
 * controller (seen with the header-route canary, which then never settled).
 */
export async function inMotion(kube: LabKube, motion: Motion): Promise<boolean> {
  for (const r of motion.rollouts) {
    const o = await kube.get<RolloutNow>(ROLLOUT.apiVersion, ROLLOUT.kind, r.namespace, r.name).catch(() => null);
    const s = o?.status;
    if (!o || !s || s.phase === "Healthy" || !s.stableRS || s.stableRS === s.currentPodHash) return false;
    if (o.spec?.template?.spec?.containers?.[0]?.image !== r.image) return false;
  }
  return true;
}

/** Sets every Rollout of the motion on its way and waits until each waits at its first pause. */
export async function runMotion(kube: LabKube, motion: Motion, world: KubeObject[], log: (m: string) => void): Promise<void> {
  await Promise.all(motion.rollouts.map((r) => move(kube, r, world, log)));
}
