import type { Owner } from "@/lib/istio/model/schema";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LockIcon } from "@/components/ui/icons";

const ownerText: Record<Owner["kind"], { label: string; tone: BadgeTone }> = {
  "argo-rollouts": { label: "Argo Rollouts", tone: "violet" },
  flagger: { label: "Flagger", tone: "indigo" },
  helm: { label: "Helm", tone: "sky" },
  manual: { label: "manual", tone: "slate" },
};

/** Who writes the object (Argo Rollouts / Flagger / Helm / manual), and a lock when a controller owns the weights. */
export function OwnerBadge({ owner }: { owner: Owner }) {
  const { label, tone } = ownerText[owner.kind];
  const others = owner.signals.filter((s) => s.kind !== owner.kind).map((s) => ownerText[s.kind].label);
  const title = [owner.reason, others.length > 0 ? `also: ${[...new Set(others)].join(", ")}` : ""].filter(Boolean).join(" · ");
  return (
    <span className="inline-flex items-center gap-1">
      <Badge tone={tone} title={title}>
        <span className="sr-only">owner </span>
        {label}
        {owner.name ? <span className="font-normal opacity-80">· {owner.name}</span> : null}
      </Badge>
      {owner.weightsLocked ? (
        <span
          className="inline-flex items-center gap-0.5 text-xs font-medium text-violet-700"
          title={`Weights are written by ${label}: a manual change would be reverted`}
        >
          <LockIcon className="size-3.5" />
          <span className="sr-only">weights locked by {label}</span>
        </span>
      ) : null}
    </span>
  );
}
