import { afterAll } from "vitest";
import { trafficModelSuite } from "../integration/suites/traffic-model.js";
import { trafficApi } from "../integration/traffic-api-client.js";
import { walkthroughs } from "../integration/worlds/walkthroughs.js";

/** Meshdeck's traffic model of each walkthrough, configured and observed. */
const { traffic } = await trafficApi();
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { resetLiveRuntime } = await import("@/lib/live/runtime");

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
});

trafficModelSuite(walkthroughs, traffic);
