"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { sendRolloutAction } from "@/lib/hooks/use-rollouts";
import { describeWrite } from "@/lib/rollouts/actions/access";
import type { ActionName, RolloutView } from "@/lib/rollouts/model/schema";

interface Spec {
  action: ActionName;
  label: string;
  tone: "primary" | "danger";
  path: string;
  method: "POST" | "PUT";
  body?: unknown;
}

const SPECS: readonly Spec[] = [
  { action: "promote", label: "Promote", tone: "primary", path: "promote", method: "POST" },
  { action: "promote-full", label: "Promote full", tone: "primary", path: "promote", method: "POST", body: { full: true } },
  { action: "abort", label: "Abort", tone: "danger", path: "abort", method: "POST" },
  { action: "retry", label: "Retry", tone: "primary", path: "retry", method: "POST" },
  { action: "restart", label: "Restart", tone: "danger", path: "restart", method: "POST" },
  { action: "undo", label: "Undo", tone: "danger", path: "undo", method: "POST" },
];

/** The writes RBAC refuses the caller, each with the buttons it turns off. */
function deniedWrites(rollout: RolloutView): { write: string; labels: string[] }[] {
  const byWrite = new Map<string, string[]>();
  for (const spec of SPECS) {
    const denied = rollout.actions[spec.action]?.denied;
    if (!denied) continue;
    const write = describeWrite(denied);
    byWrite.set(write, [...(byWrite.get(write) ?? []), spec.label]);
  }
  return [...byWrite].map(([write, labels]) => ({ write, labels }));
}

/**
 * Action buttons, enabled only when the phase allows them and RBAC does (the
 * server checks each action's exact writes as you); a disabled button says
 * why. Each asks for confirmation.
 */
export function RolloutActions({ rollout, onDone }: { rollout: RolloutView; onDone: () => void }) {
  const [open, setOpen] = useState<Spec | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const base = `/api/rollouts/${encodeURIComponent(rollout.namespace)}/${encodeURIComponent(rollout.name)}`;

  const run = async (spec: Spec) => {
    setBusy(true);
    const outcome = await sendRolloutAction(`${base}/${spec.path}`, spec.method, spec.body ?? {});
    setBusy(false);
    setOpen(null);
    setResult(outcome.ok ? { ok: true, text: outcome.message } : { ok: false, text: `${outcome.error.code}: ${outcome.error.message}` });
    onDone();
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {SPECS.map((spec) => {
          const a = rollout.actions[spec.action];
          return (
            <button
              key={spec.action}
              type="button"
              disabled={!a?.enabled}
              title={a?.reason ?? ""}
              aria-description={a?.enabled ? undefined : a?.reason}
              data-denied={a?.denied ? "rbac" : undefined}
              onClick={() => setOpen(spec)}
              className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-slate-300 ${spec.tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-sky-600 hover:bg-sky-700"}`}
            >
              {spec.label}
            </button>
          );
        })}
      </div>
      {deniedWrites(rollout).length > 0 ? (
        <ul className="space-y-0.5 text-xs text-amber-800" aria-label="Actions you may not run" data-testid="denied-actions">
          {deniedWrites(rollout).map(({ write, labels }) => (
            <li key={write}>
              Read-only for you: Kubernetes RBAC does not let you <span className="font-mono">{write}</span> ({labels.join(", ")}).
            </li>
          ))}
        </ul>
      ) : null}
      {result ? (
        <p role="status" className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
          {result.text}
        </p>
      ) : null}
      <ConfirmDialog
        open={open !== null}
        title={open ? `${open.label} ${rollout.namespace}/${rollout.name}?` : ""}
        confirmLabel={open?.label ?? "OK"}
        tone={open?.tone ?? "primary"}
        busy={busy}
        onCancel={() => setOpen(null)}
        onConfirm={() => open && void run(open)}
      >
        <p>{open ? rollout.actions[open.action]?.reason : null}</p>
        <p className="text-xs text-slate-500">Runs as you; recorded as a Kubernetes Event on the Rollout.</p>
      </ConfirmDialog>
    </div>
  );
}
