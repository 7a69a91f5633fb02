"use client";

import { useNamespaces } from "@/lib/hooks/use-namespaces";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { NamespacesTable } from "./namespaces-table";

export function NamespacesPanel() {
  const { data, error, isLoading } = useNamespaces();
  return (
    <Panel id="namespaces" title="Namespaces" description="Sidecar injection per namespace">
      {error ? <ErrorState error={error.detail} compact={Boolean(data)} /> : null}
      {data ? (
        data.items.length > 0 ? (
          <NamespacesTable items={data.items} />
        ) : (
          <EmptyState title="No namespaces found" />
        )
      ) : isLoading ? (
        <LoadingState label="Loading namespaces…" rows={6} />
      ) : null}
    </Panel>
  );
}
