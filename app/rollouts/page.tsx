import type { Metadata } from "next";
import { Suspense } from "react";
import { AppHeader } from "@/components/app-header";
import { RolloutList } from "@/components/rollouts/rollout-list";

export const metadata: Metadata = { title: "Rollouts" };

export default function RolloutsPage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <Suspense>
          <RolloutList />
        </Suspense>
      </main>
    </>
  );
}
