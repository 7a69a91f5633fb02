import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { ClusterHealthBanner } from "@/components/ui/cluster-health-banner";
import { RolloutDetail } from "@/components/rollouts/rollout-detail";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  return (
    <>
      <AppHeader />
      <ClusterHealthBanner />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <RolloutDetail namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />
      </main>
    </>
  );
}
