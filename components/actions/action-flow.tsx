"use client";

import { useState, type ReactNode } from "react";
import type { ActionResult, ObjectView } from "@/lib/api/actions";
import { useAction, type ActionRequest } from "@/lib/hooks/use-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DiffView } from "@/components/ui/diff-view";
import { ActionFailureView } from "./action-failure";
import { buttonClass } from "./field";

export interface ActionFlowContext {
  /** 400/422 messages by field path (`weights.1.weight`, `delay.fixedDelay`, …). */
  fieldErrors: Record<string, string>;
  /** Preview or Apply was tried: show local validation errors now. */
  attempted: boolean;
  /** The user may not run the action, or a request is in flight. */
  disabled: boolean;
}

interface ActionFlowProps {
  /** What the action changes, for accessible names: "weights of route #1". */
  subject: string;
  /** The object's resourceVersion in the live model. */
  modelResourceVersion: string | null;
  /** A draft exists: the resourceVersion it was started on is kept (optimistic concurrency). */
  dirty: boolean;
  /** The request for a resourceVersion, or null when the form is invalid (it shows why). */
  build: (resourceVersion: string | null) => ActionRequest | null;
  confirm: { title: string; body: ReactNode; label: string; tone?: "primary" | "danger" };
  /** Set when the caller may not do this: controls are disabled and this says why. */
  disabledReason?: string | null;
  /** Whether Apply is offered now (default: when dirty). */
  canApply?: boolean;
  showPreview?: boolean;
  applyLabel?: string;
  /** Accessible name of the Apply button (default: "<applyLabel> <subject>"). */
  applyName?: string;
  onApplied?: (result: ActionResult) => void;
  /** 409: what the fresh object says about the edited part. */
  renderCurrent?: (current: ObjectView) => ReactNode;
  /** Fields shown next to inputs (not repeated in the error box). */
  fieldPaths?: readonly string[];
  children?: (ctx: ActionFlowContext) => ReactNode;
}

/**
 * Preview (`?dryRun=true`, shows the diff) → Apply (confirmation dialog with
 * the diff) → write with the CSRF header. A draft keeps the resourceVersion it
 * started from, so a concurrent change is refused (409) rather than
 * overwritten; "Re-plan on the latest version" plans the same intent again.
 */
export function ActionFlow(props: ActionFlowProps) {
  const { subject, modelResourceVersion, dirty, build, confirm, disabledReason = null, showPreview = true, applyLabel = "Apply", onApplied } = props;
  const action = useAction();
  const [pinned, setPinned] = useState<string | null>(null);
  const [override, setOverride] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [dialog, setDialog] = useState(false);
  const [previewKey, setPreviewKey] = useState<string | null>(null);

  const [wasDirty, setWasDirty] = useState(dirty);

  // Pin the version a draft starts from; forget it when the draft is gone.
  if (dirty !== wasDirty) {
    setWasDirty(dirty);
    if (!dirty) {
      setPinned(null);
      setOverride(null);
    }
  }
  if (dirty && pinned === null && modelResourceVersion !== null) setPinned(modelResourceVersion);
  // Without a draft, a re-plan's version is only needed until the live model has caught up.
  if (!dirty && override !== null && override === modelResourceVersion) setOverride(null);
  const resourceVersion = override ?? pinned ?? modelResourceVersion;
  const request = build(resourceVersion);
  const key = request ? JSON.stringify(request) : null;
  const preview = action.preview && previewKey === key ? action.preview : null;
  const busy = action.pending !== null;
  const disabled = disabledReason !== null || busy;
  const canApply = props.canApply ?? dirty;
  const stale = pinned !== null && override === null && modelResourceVersion !== null && pinned !== modelResourceVersion;

  const runPreview = async (req: ActionRequest) => {
    setPreviewKey(JSON.stringify(req));
    await action.run({ ...req, dryRun: true });
  };
  const onPreview = () => {
    setAttempted(true);
    if (request) void runPreview(request);
  };
  const onApply = () => {
    setAttempted(true);
    if (!request) return;
    setDialog(true);
    if (!preview) void runPreview(request);
  };
  const onConfirm = async () => {
    if (!request) return;
    const outcome = await action.run(request);
    setDialog(false);
    if (outcome.ok) {
      setAttempted(false);
      setPinned(null);
      setOverride(null);
      onApplied?.(outcome.result);
    }
  };
  const replan = (rv: string) => {
    setOverride(rv);
    const next = build(rv);
    if (next) void runPreview(next);
  };

  return (
    <div className="space-y-3">
      {props.children?.({ fieldErrors: action.failure?.fieldErrors ?? {}, attempted, disabled: disabledReason !== null })}
      {stale ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          This object changed since you started (resourceVersion {pinned} → {modelResourceVersion}): applying now would be refused.{" "}
          <button type="button" className="font-medium underline" onClick={() => modelResourceVersion && replan(modelResourceVersion)}>
            Re-plan on the latest version
          </button>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {showPreview ? (
          <button type="button" className={buttonClass.secondary} disabled={disabled} onClick={onPreview} aria-label={`Preview ${subject}`} title={disabledReason ?? undefined}>
            {action.pending === "preview" && !dialog ? "Previewing…" : "Preview"}
          </button>
        ) : null}
        <button
          type="button"
          className={confirm.tone === "danger" ? buttonClass.danger : buttonClass.primary}
          disabled={disabled || !canApply}
          onClick={onApply}
          aria-label={props.applyName ?? `${applyLabel} ${subject}`}
          title={disabledReason ?? (!canApply ? "Nothing to apply: change something first" : undefined)}
        >
          {action.pending === "apply" ? "Applying…" : applyLabel}
        </button>
        {disabledReason ? <span className="text-xs text-slate-600">{disabledReason}</span> : null}
      </div>
      {action.failure && !dialog ? (
        <ActionFailureView
          failure={action.failure}
          onReplan={replan}
          {...(props.renderCurrent ? { renderCurrent: props.renderCurrent } : {})}
          shownFields={props.fieldPaths ?? []}
        />
      ) : null}
      {preview && !dialog ? (
        <div className="space-y-1">
          <p className="text-xs text-slate-600">
            Preview (dry run, nothing written): <span className="text-slate-800">{preview.summary}</span>
          </p>
          <DiffView diff={preview.diff} label={`Diff of ${subject}`} />
        </div>
      ) : null}
      {action.applied && !dirty ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Applied: {action.applied.summary}
          {action.applied.changed ? "" : " (no change was needed)"}
        </p>
      ) : null}
      <ConfirmDialog
        open={dialog}
        title={confirm.title}
        confirmLabel={confirm.label}
        tone={confirm.tone ?? "primary"}
        busy={action.pending === "apply"}
        confirmDisabled={!preview}
        onCancel={() => setDialog(false)}
        onConfirm={() => void onConfirm()}
      >
        {confirm.body}
        {preview ? (
          <DiffView diff={preview.diff} label={`Change to ${subject}`} />
        ) : action.pending === "preview" ? (
          <p className="text-slate-500">Computing the change…</p>
        ) : action.failure ? (
          <ActionFailureView failure={action.failure} shownFields={props.fieldPaths ?? []} />
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
