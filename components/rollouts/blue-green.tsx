import { Badge } from "@/components/ui/badge";
import type { BlueGreenView } from "@/lib/rollouts/model/schema";

function Side({ label, side, tone }: { label: string; side: BlueGreenView["active"]; tone: "sky" | "amber" }) {
  return (
    <div className="rounded border border-slate-200 p-3" data-testid={`bluegreen-${label}`}>
      <div className="flex items-center gap-2">
        <Badge tone={tone}>{label}</Badge>
        <span className="font-mono">{side.service ?? "–"}</span>
      </div>
      <p className="mt-1 text-slate-600">
        {side.revision === null ? "selects no revision yet" : `selects revision ${side.revision}`}
        {side.replicaSet ? <span className="ml-1 font-mono text-xs text-slate-500">({side.replicaSet})</span> : null}
      </p>
      <p className="tabular-nums text-slate-600">
        {side.ready}/{side.desired} pods ready
      </p>
      <p className="font-mono text-xs text-slate-500">{side.images.join(", ")}</p>
    </div>
  );
}

function analysisLine(name: string, a: BlueGreenView["prePromotionAnalysis"]) {
  if (!a) return null;
  return (
    <li>
      {name}: {a.templates.join(", ") || "–"}
      {a.run ? ` — ${a.run} ${a.status ?? "Pending"}` : " — not run yet"}
    </li>
  );
}

/** Active and preview Services, auto-promotion, the preview's size, the old revision's scale-down and the promotion analyses. */
export function BlueGreen({ bg }: { bg: BlueGreenView }) {
  return (
    <div className="space-y-3 text-sm">
      <div className="grid gap-3 md:grid-cols-2">
        <Side label="active" side={bg.active} tone="sky" />
        {bg.preview ? <Side label="preview" side={bg.preview} tone="amber" /> : <p className="text-slate-500">No preview Service.</p>}
      </div>
      <ul className="space-y-1 text-slate-600">
        <li data-testid="bluegreen-promotion">
          {bg.autoPromotionEnabled
            ? bg.autoPromotesAt
              ? `Promotes itself at ${new Date(bg.autoPromotesAt).toLocaleTimeString()} (after ${bg.autoPromotionSeconds} s)`
              : `Promotes itself ${bg.autoPromotionSeconds > 0 ? `${bg.autoPromotionSeconds} s after the preview is ready` : "as soon as the preview is ready"}`
            : "Waits for a promote (auto-promotion off)"}
        </li>
        <li>Preview replicas: {bg.previewReplicaCount ?? "all"}</li>
        <li>
          Scale-down delay {bg.scaleDownDelaySeconds} s
          {bg.scaleDown ? ` — ${bg.scaleDown.replicaSet} goes at ${new Date(bg.scaleDown.deadline).toLocaleTimeString()}` : ""}
        </li>
        {analysisLine("Pre-promotion analysis", bg.prePromotionAnalysis)}
        {analysisLine("Post-promotion analysis", bg.postPromotionAnalysis)}
      </ul>
    </div>
  );
}
