import type { Metadata } from "next";
import { Suspense } from "react";
import { AppHeader } from "@/components/app-header";
import { GraphExplorer } from "@/components/graph/graph-explorer";

export const metadata: Metadata = { title: "Service graph" };

export default function GraphPage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-[110rem] px-6 py-6">
        <Suspense>
          <GraphExplorer />
        </Suspense>
      </main>
    </>
  );
}
