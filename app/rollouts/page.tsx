import type { Metadata } from "next";
import { Suspense } from "react";
import { AppHeader } from "@/components/app-header";
import { ClusterHealthBanner } from "@/components/ui/cluster-health-banner";
import { RolloutList } from "@/components/rollouts/rollout-list";

export const metadata: Metadata = { title: "Rollouts" };

export default function RolloutsPage() {
  return (
    <>
      <AppHeader />
      <ClusterHealthBanner />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <Suspense>
          <RolloutList />
        </Suspense>
      </main>
    </>
  );
}
