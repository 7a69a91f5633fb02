import { Suspense } from "react";
import { AppHeader } from "@/components/app-header";
import { ClusterHealthBanner } from "@/components/ui/cluster-health-banner";
import { LoadingState } from "@/components/ui/loading-state";
import { TrafficOverview } from "@/components/traffic/traffic-overview";

export default function OverviewPage() {
  return (
    <>
      <AppHeader />
      <ClusterHealthBanner />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <Suspense fallback={<LoadingState label="Loading the overview…" rows={8} />}>
          <TrafficOverview />
        </Suspense>
      </main>
    </>
  );
}
