import type { ObjectView } from "@/lib/api/actions";
import type { ObjectMeta } from "@/lib/istio/wire";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

interface ObjectLike {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
}

/** What the API returns of an object: no managedFields, no kubectl last-applied copy (both large, both noise). */
export function toObjectView(object: ObjectLike): ObjectView {
  const { name, namespace, uid, resourceVersion, generation, creationTimestamp, labels } = object.metadata;
  const annotations = object.metadata.annotations ? { ...object.metadata.annotations } : undefined;
  if (annotations) delete annotations[LAST_APPLIED];
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(uid !== undefined ? { uid } : {}),
      ...(resourceVersion !== undefined ? { resourceVersion } : {}),
      ...(generation !== undefined ? { generation } : {}),
      ...(creationTimestamp !== undefined ? { creationTimestamp } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: object.spec,
  };
}
