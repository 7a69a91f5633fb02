import type { KubeObject, LabKube } from "../../../lab/core/kube-client.js";
import type { LabState } from "../../../lab/core/state.js";

/**
 * The names a test needs from a set of walkthrough-like objects applied to
 * the lab: the demo world (lab/demo, in the repository) for the integration
 * tests, the original walkthroughs (../shared/scenarios) for the acceptance
 * suite. One suite of checks runs against either.
 */
export interface World {
  label: string;
  /** Every namespace the world applies into. */
  namespaces: string[];
  /** Applies the whole world and waits for its workloads (idempotent). */
  apply(state: LabState): Promise<void>;
  /** Re-applies the base objects of one namespace, undoing a test's edits. */
  restore(kube: LabKube, namespace: string): Promise<void>;
  /** A host-level 50/50 split of two Services behind one gateway host. */
  hostSplit: { namespace: string; vs: string; host: { host: string; port: number }; services: readonly [string, string] };
  /** Blue/green: one subset live, a header test route to the other. */
  blueGreen: {
    namespace: string;
    vs: string;
    host: { host: string; port: number };
    header: { name: string; value: string };
    service: string;
    /** The port the routes name, if they name one. */
    port?: number;
    subsets: { live: string; test: string };
    workloads: { live: string; test: string };
  };
  /** A staged subset split (70/30) through a gateway. */
  staged: {
    namespace: string;
    vs: string;
    via: { gateway?: string; host: string; port: number };
    service: string;
    port?: number;
    subsets: readonly [{ name: string; share: number; ready: number; workload: string }, { name: string; share: number; ready: number; workload: string }];
    /** The route's match, kept by a promote. */
    match: unknown;
  };
  /** A shop of four services: front → side, front → reviews → ratings; one reviews version never calls ratings. */
  shop: {
    namespace: string;
    front: { service: string; workload: string; app: string; version: string };
    side: { service: string; app: string; version: string };
    reviews: { service: string; app: string; port: number; path: string; split: Record<string, number> };
    ratings: { service: string; app: string; version: string; port: number; path: string };
    /** Versions of reviews: the one that does not call ratings, then the two that do. */
    versions: readonly [string, string, string];
    user: { header: string; value: string };
    /** The delay of the userRatingsDelay variant, in milliseconds. */
    variantDelayMs: number;
    /** Ready-to-apply routing variants, as objects for the shop's namespace. */
    variant(name: ShopVariant): KubeObject[];
  };
  /** An Argo Rollouts canary with Istio host-level routing: its manifest, for a namespace of a test's own. */
  canary: {
    namespace: string;
    rollout: string;
    container: string;
    vs: string;
    route: string;
    services: { stable: string; canary: string };
    host: { host: string; port: number; path: string };
    images: { first: string; next: string; third: string };
    /** Canary weight of the first step. */
    firstWeight: number;
    /** Kinds of the canary steps, in order (setWeight, pause, …). */
    steps: string[];
    manifest(): KubeObject[];
  };
  /** An Argo Rollouts canary with subset-level routing. */
  subsetCanary: { rollout: string; container: string; vs: string; images: { next: string }; firstWeight: number; steps: string[]; manifest(): KubeObject[] };
}

export type ShopVariant = "allV1" | "userToSecond" | "userRatingsDelay" | "userRatingsAbort" | "firstThird5050";
