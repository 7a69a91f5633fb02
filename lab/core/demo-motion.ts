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
  status?: { phase?: string; observedGeneration?: string | number; stableRS?: string; currentPodHash?: string; currentStepIndex?: number };
}

export function readMotion(file = motionFile): Motion {
  return motionSchema.parse(parse(fs.readFileSync(file, "utf8")));
}

/** Gives up what an earlier motion set, after the world was re-applied over it. */
export async function releaseMotion(kube: LabKube, motion: Motion): Promise<void> {
  for (const r of motion.rollouts) await kube.apply({ ...ROLLOUT, metadata: { name: r.name, namespace: r.namespace } }, MANAGER);
}

async function rolloutIs(kube: LabKube, r: MotionRollout, want: (s: NonNullable<RolloutStatus["status"]>) => boolean): Promise<boolean> {
  const o = await kube.get<RolloutStatus>(ROLLOUT.apiVersion, ROLLOUT.kind, r.namespace, r.name);
  const s = o.status;
  return s !== undefined && String(s.observedGeneration) === String(o.metadata.generation) && want(s);
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

async function move(kube: LabKube, r: MotionRollout, world: KubeObject[], log: (m: string) => void): Promise<void> {
  const key = `${r.namespace}/${r.name}`;
  await waitFor(`Rollout ${key} Healthy`, () => rolloutIs(kube, r, (s) => s.phase === "Healthy" && s.stableRS === s.currentPodHash), 120_000, 500);
  await kube.apply(nextVersion(r, world), MANAGER);
  await waitFor(`Rollout ${key} paused on its canary`, () => rolloutIs(kube, r, (s) => s.phase === "Paused" && s.stableRS !== s.currentPodHash), 120_000, 500);
  log(`Rollout ${key}: ${r.image} paused mid-canary`);
}

/** Sets every Rollout of the motion on its way and waits until each waits at its first pause. */
export async function runMotion(kube: LabKube, motion: Motion, world: KubeObject[], log: (m: string) => void): Promise<void> {
  await Promise.all(motion.rollouts.map((r) => move(kube, r, world, log)));
}
