import type { RolloutWire } from "../wire";
import type { BlueGreenView, RevisionView } from "./schema";

/** Argo Rollouts' DefaultScaleDownDelaySeconds. */
const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

type Analysis = NonNullable<NonNullable<RolloutWire["spec"]["strategy"]["blueGreen"]>["prePromotionAnalysis"]>;
type RunStatus = { name?: string | undefined; status?: string | null | undefined } | null | undefined;

function side(service: string | null, selector: string | null, revisions: readonly RevisionView[]): BlueGreenView["active"] {
  const rs = selector ? revisions.find((r) => r.podTemplateHash === selector) : undefined;
  return { service, selector, revision: rs?.revision ?? null, replicaSet: rs?.name ?? null, images: rs?.images ?? [], ready: rs?.ready ?? 0, desired: rs?.desired ?? 0 };
}

function analysis(spec: Analysis | null | undefined, run: RunStatus): BlueGreenView["prePromotionAnalysis"] {
  if (!spec) return null;
  const templates = (spec.templates ?? []).map((t) => t.templateName).filter((n): n is string => !!n);
  return { templates, run: run?.name ?? null, status: run?.status ?? null };
}

/**
 * A blue-green Rollout: what its active and preview Services select (the
 * revision behind each pod-template-hash selector), when the preview is
 * promoted by itself, the preview's replica count, the old ReplicaSet's
 * scale-down deadline and the pre/post-promotion analyses. `autoPromotesAt`
 * comes from the BlueGreenPause condition (see build.ts).
 */
export function blueGreenView(ro: RolloutWire, revisions: readonly RevisionView[], autoPromotesAt: string | null): BlueGreenView | null {
  const bg = ro.spec.strategy.blueGreen;
  if (!bg) return null;
  const status = ro.status?.blueGreen;
  const activeSelector = status?.activeSelector ?? null;
  const previewSelector = status?.previewSelector ?? null;
  const waiting = revisions.find((r) => r.scaleDownDeadline && r.podTemplateHash !== activeSelector && r.desired > 0);
  return {
    activeService: bg.activeService ?? null,
    previewService: bg.previewService ?? null,
    activeSelector,
    previewSelector,
    active: side(bg.activeService ?? null, activeSelector, revisions),
    preview: bg.previewService ? side(bg.previewService, previewSelector, revisions) : null,
    autoPromotionEnabled: bg.autoPromotionEnabled !== false,
    autoPromotionSeconds: bg.autoPromotionSeconds ?? 0,
    autoPromotesAt,
    previewReplicaCount: bg.previewReplicaCount ?? null,
    scaleDownDelaySeconds: bg.scaleDownDelaySeconds ?? DEFAULT_SCALE_DOWN_DELAY_SECONDS,
    scaleDown: waiting?.scaleDownDeadline ? { replicaSet: waiting.name, deadline: waiting.scaleDownDeadline } : null,
    prePromotionAnalysis: analysis(bg.prePromotionAnalysis, status?.prePromotionAnalysisRunStatus),
    postPromotionAnalysis: analysis(bg.postPromotionAnalysis, status?.postPromotionAnalysisRunStatus),
  };
}
