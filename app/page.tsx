import { AppHeader } from "@/components/app-header";
import { NamespacesPanel } from "@/components/namespaces/namespaces-panel";
import { VirtualServicesPanel } from "@/components/virtual-services/virtual-services-panel";

export default function OverviewPage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-[96rem] px-6 py-6">
        <div className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Traffic overview</h1>
          <p className="mt-1 text-sm text-slate-500">Namespaces in the mesh and how their VirtualServices route traffic.</p>
        </div>
        <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <NamespacesPanel />
          <VirtualServicesPanel />
        </div>
      </main>
    </>
  );
}
