import Link from "next/link";
import type { ReactNode } from "react";
import type { ObjectView } from "@/lib/api/actions";
import type { ActionFailure } from "@/lib/hooks/use-action";
import { errorTitle } from "@/components/ui/error-text";
import { LockIcon } from "@/components/ui/icons";
import { rolloutHref } from "@/components/traffic/url-state";
import { buttonClass } from "./field";
import { lastChangeOf } from "./weights-model";

const controllerNames: Record<string, string> = { "argo-rollouts": "Argo Rollouts", flagger: "Flagger" };

/** Link to the page of the controller object that owns the weights (Argo Rollouts only for now). */
export function ControllerLink({ controller, namespace, name }: { controller: string; namespace: string; name: string }) {
  if (controller !== "argo-rollouts") return null;
  return (
    <Link href={rolloutHref(namespace, name)} className="font-medium text-violet-800 underline hover:text-violet-950">
      Open Rollout {name}&apos;s actions
    </Link>
  );
}

interface ActionFailureViewProps {
  failure: ActionFailure;
  /** 409: plan again on this resourceVersion. */
  onReplan?: (resourceVersion: string) => void;
  /** 409: what the fresh object says about the thing being edited. */
  renderCurrent?: (current: ObjectView) => ReactNode;
  /** Field errors shown next to their fields are not repeated here. */
  shownFields?: readonly string[];
}

/** Why an action was refused, typed: 403 names verb and resource, 409 shows what changed, 423 who owns it, 422 what is wrong. */
export function ActionFailureView({ failure, onReplan, renderCurrent, shownFields = [] }: ActionFailureViewProps) {
  const { error } = failure;
  if (failure.status === 409 || error.code === "Conflict") {
    const current = failure.current;
    const change = current ? lastChangeOf(current) : null;
    return (
      <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <p className="font-medium">Changed since you loaded it — nothing was written.</p>
        <p className="text-amber-900">{error.message}</p>
        {change ? (
          <p className="text-amber-900">
            Last change by <span className="font-medium">{change.who}</span> at {new Date(change.when).toLocaleString()}: {change.summary}
          </p>
        ) : null}
        {current && renderCurrent ? <div>{renderCurrent(current)}</div> : null}
        {current?.metadata.resourceVersion && onReplan ? (
          <button type="button" className={buttonClass.secondary} onClick={() => onReplan(current.metadata.resourceVersion ?? "")}>
            Re-plan on the latest version
          </button>
        ) : null}
      </div>
    );
  }
  if (failure.status === 423 || error.code === "Locked") {
    const owner = failure.owner;
    return (
      <div role="alert" className="space-y-1 rounded-md border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-950">
        <p className="flex items-center gap-1.5 font-medium">
          <LockIcon className="size-4" /> Locked by {owner ? (controllerNames[owner.controller] ?? owner.controller) : "a controller"}
        </p>
        <p>{error.message}</p>
        {owner ? <ControllerLink controller={owner.controller} namespace={owner.namespace} name={owner.name} /> : null}
      </div>
    );
  }
  if (failure.status === 403 || error.code === "Forbidden") {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <p className="font-medium">{errorTitle(error)}</p>
        <p className="mt-0.5 text-amber-900">{error.message}</p>
      </div>
    );
  }
  const otherIssues = (error.issues ?? []).filter((i) => !shownFields.includes(i.path));
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-medium">
        <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs">{error.code}</span>
        {error.message}
      </p>
      {otherIssues.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {otherIssues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code className="text-xs">{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
