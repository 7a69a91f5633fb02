import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { serviceMetricsParamsSchema } from "@/lib/api/metrics";
import { AppHeader } from "@/components/app-header";
import { ClusterHealthBanner } from "@/components/ui/cluster-health-banner";
import { LoadingState } from "@/components/ui/loading-state";
import { ServicePage } from "@/components/service/service-page";

interface PageProps {
  params: Promise<{ namespace: string; name: string }>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { namespace, name } = await params;
  return { title: `${name} · ${namespace}` };
}

export default async function ServiceRoute({ params }: PageProps) {
  const parsed = serviceMetricsParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { namespace, name } = parsed.data;
  return (
    <>
      <AppHeader />
      <ClusterHealthBanner />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <Suspense fallback={<LoadingState label="Loading the service…" rows={8} />}>
          <ServicePage namespace={namespace} name={name} />
        </Suspense>
      </main>
    </>
  );
}
