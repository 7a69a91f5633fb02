import { DEFAULT_ERROR_THRESHOLD_PERCENT, DEFAULT_INTERVAL_SECONDS, DEFAULT_VIEWS } from "@/lib/wall/config";

/** What is wrong with the wall's URL, and how to write it. */
export function WallConfigError({ problems }: { problems: readonly string[] }) {
  return (
    <div data-testid="wall-config-error" className="fixed inset-0 overflow-auto bg-black p-[1.5em] text-white" style={{ fontSize: "clamp(14px, 1.25vw, 48px)" }}>
      <h1 className="text-[2em] font-bold text-amber-300">This wall URL needs fixing</h1>
      <ul className="mt-[0.6em] list-disc pl-[1.2em] text-[1.2em]">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <div className="mt-[1.2em] space-y-[0.4em] text-neutral-300">
        <p>
          Example: <code className="font-mono text-white">/wall?views=graph:bookinfo+default,rollouts,splits:bookinfo&amp;interval=30</code>
        </p>
        <p>
          <code className="font-mono">views</code>: comma-separated <code className="font-mono">graph:ns+ns</code>, <code className="font-mono">rollouts[:ns+ns]</code>, <code className="font-mono">splits[:ns+ns]</code> (default{" "}
          <code className="font-mono">{DEFAULT_VIEWS}</code>) · <code className="font-mono">interval</code>: seconds per view or page (default {DEFAULT_INTERVAL_SECONDS}) ·{" "}
          <code className="font-mono">window</code>: 1m, 5m, 15m, 30m or 1h · <code className="font-mono">errors</code>: canary 5xx alert threshold in percent (default {DEFAULT_ERROR_THRESHOLD_PERCENT}) ·{" "}
          <code className="font-mono">refresh</code>: also refetch every N seconds
        </p>
      </div>
    </div>
  );
}
