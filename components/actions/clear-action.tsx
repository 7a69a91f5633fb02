"use client";

import type { ReactNode } from "react";
import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { ActionFlow } from "./action-flow";

/** A DELETE of one setting (a route's timeout, retries, a DestinationRule policy…) behind a confirmation, below its form. */
export function ClearAction({ vs, path, subject, label, access, body }: { vs: Pick<VirtualServiceModel, "resourceVersion">; path: string; subject: string; label: string; access: UseAccessResult; body: ReactNode }) {
  return (
    <div className="border-t border-slate-200 pt-3">
      <ActionFlow
        subject={subject}
        modelResourceVersion={vs.resourceVersion}
        dirty={false}
        canApply
        showPreview={false}
        applyLabel={label}
        applyName={`${label}: ${subject}`}
        disabledReason={access.reason}
        build={(rv) => ({ method: "DELETE", path, body: rv ? { resourceVersion: rv } : {} })}
        confirm={{ title: `${label}?`, label, body }}
      />
    </div>
  );
}
