import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { getClientSet, withTimeout } from "./client-set";
import { toAppError } from "./map-error";

export const ISTIO_NETWORKING_GROUP = "networking.istio.io";

/** Versions of networking.istio.io Meshdeck understands, most preferred first. */
export const ISTIO_NETWORKING_VERSIONS = ["v1", "v1beta1", "v1alpha3"] as const;
export type IstioNetworkingVersion = (typeof ISTIO_NETWORKING_VERSIONS)[number];

/** Minimal shape of an APIGroupList from `GET /apis`. */
export interface ApiGroupListLike {
  groups?: Array<{ name?: string; versions?: Array<{ version?: string }> }>;
}

/** Picks the most preferred supported version among those served, or null. */
export function pickIstioVersion(served: readonly string[]): IstioNetworkingVersion | null {
  return ISTIO_NETWORKING_VERSIONS.find((version) => served.includes(version)) ?? null;
}

/** Versions of `group` served according to an APIGroupList. */
export function servedVersions(list: ApiGroupListLike, group: string): string[] {
  const entry = list.groups?.find((g) => g.name === group);
  return (entry?.versions ?? []).flatMap((v) => (v.version ? [v.version] : []));
}

let cached: IstioNetworkingVersion | null = null;

export function crdMissing(resource: string): AppError {
  return new AppError({
    code: "CrdMissing",
    message: `The cluster does not serve ${ISTIO_NETWORKING_GROUP} (${ISTIO_NETWORKING_VERSIONS.join(", ")}): Istio CRDs are not installed`,
    resource,
  });
}

/**
 * The networking.istio.io version to use, discovered once and cached.
 * Throws "CrdMissing" when the group is not served.
 */
export async function getIstioNetworkingVersion(
  options: { refresh?: boolean; resource?: string } = {},
): Promise<IstioNetworkingVersion> {
  if (cached && !options.refresh) return cached;
  const { apis } = getClientSet();
  let list: ApiGroupListLike;
  try {
    list = await apis.getAPIVersions({}, withTimeout());
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "apis (discovery)" });
  }
  const version = pickIstioVersion(servedVersions(list, ISTIO_NETWORKING_GROUP));
  cached = version;
  if (!version) throw crdMissing(options.resource ?? ISTIO_NETWORKING_GROUP);
  return version;
}

/** Forget the discovered version (e.g. after a 404 from a list). */
export function invalidateIstioNetworkingVersion(): void {
  cached = null;
}
