import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RolloutPhase } from "@/lib/rollouts/model/schema";

const TONE: Record<RolloutPhase, BadgeTone> = { Healthy: "green", Progressing: "sky", Paused: "amber", Degraded: "red" };

export function PhaseBadge({ phase, aborted, title }: { phase: RolloutPhase; aborted?: boolean; title?: string }) {
  return (
    <Badge tone={TONE[phase]} {...(title ? { title } : {})}>
      {aborted ? "Aborted" : phase}
    </Badge>
  );
}
