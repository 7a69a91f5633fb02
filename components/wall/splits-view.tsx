import type { TrafficView } from "@/lib/api/traffic";
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
  if (items.length === 0) return <WallMessage title="No weighted routes" detail="No VirtualService here splits traffic between destinations." />;
  return (
    <div className="grid h-full grid-cols-2 grid-rows-3 gap-[0.8em]">
      {pageItems(items, page, SPLITS_PER_PAGE).map((item) => (
        <SplitCard key={item.id} item={item} window={window} />
      ))}
    </div>
  );
}
