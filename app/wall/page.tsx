import type { Metadata } from "next";
import { WallApp } from "@/components/wall/wall-app";
import { WallConfigError } from "@/components/wall/wall-config-error";
import { parseWallConfig } from "@/lib/wall/config";

export const metadata: Metadata = { title: "Wall" };

/**
 * The wall display: no navigation chrome (pages add <AppHeader> themselves;
 * this one does not), configured entirely by its URL, e.g.
 * /wall?views=graph:bookinfo+default,rollouts,splits&interval=30
 */
export default async function WallPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseWallConfig(await searchParams);
  return parsed.ok ? <WallApp config={parsed.config} /> : <WallConfigError problems={parsed.problems} />;
}
