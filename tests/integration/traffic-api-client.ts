import { expect } from "vitest";
import { NextRequest } from "next/server";
import { trafficViewSchema, type TrafficView } from "@/lib/api/traffic";
import { labState } from "./test-lab.js";

/**
 * GET /api/traffic called in-process, as the lab admin with the lab's
 * Prometheus (the environment is set before the route module loads).
 */
export async function trafficApi(): Promise<{ traffic: (query?: string, headers?: Record<string, string>) => Promise<TrafficView> }> {
  const lab = labState();
  process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
  process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
  const { GET } = await import("@/app/api/traffic/route");
  return {
    traffic: async (query = "", headers = {}) => {
      const res = await GET(new NextRequest(`http://meshdeck.test/api/traffic${query}`, { headers }));
      expect(res.status, await res.clone().text()).toBe(200);
      return trafficViewSchema.parse(await res.json());
    },
  };
}
