import type { TrafficView } from "@/lib/api/traffic";
import { degradedOf } from "@/components/traffic/degraded-notice";
import type { ApiRequestError } from "@/lib/hooks/fetch-json";
import { pageItems } from "@/lib/wall/rotation";
import { SplitCard } from "./split-card";
import type { SplitItem } from "./split-items";
import { WallMessage } from "./wall-message";

export const SPLITS_PER_PAGE = 6;

interface SplitsViewProps {
  items: readonly SplitItem[];
  page: number;
  source: { data: TrafficView | undefined; error: ApiRequestError | undefined };
  window: string;
}

/** Configured vs observed split of every weighted route in the view's namespaces, drifting ones first. */
export function SplitsView({ items, page, source, window }: SplitsViewProps) {
  if (!source.data) return source.error ? <WallMessage tone="red" title="Traffic unavailable" detail={source.error.message} /> : <WallMessage title="Loading traffic…" />;
  // VirtualServices that cannot be read (CRD missing, forbidden, still syncing) degrade this view only.
  const unreadable = degradedOf(source.data.degraded, ["virtualservices"])[0];
  if (items.length === 0) {
    return unreadable ? (
      <WallMessage tone="amber" title="VirtualServices cannot be read" detail={unreadable.message} />
    ) : (
      <WallMessage title="No weighted routes" detail="No VirtualService here splits traffic between destinations." />
    );
  }
  return (
    <div className="flex h-full flex-col gap-[0.5em]">
      {unreadable ? <p className="font-bold text-amber-300">Some VirtualServices cannot be read: {unreadable.message}</p> : null}
      <div className="grid min-h-0 flex-1 grid-cols-2 grid-rows-3 gap-[0.8em]">
        {pageItems(items, page, SPLITS_PER_PAGE).map((item) => (
          <SplitCard key={item.id} item={item} window={window} />
        ))}
      </div>
    </div>
  );
}
