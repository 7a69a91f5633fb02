import fs from "node:fs";
import { stringify } from "yaml";

export interface KubeconfigInput {
  file: string;
  server: string;
  caFile: string;
  user: string;
  token: string;
  context: string;
}

/** Writes a kubeconfig with a bearer token; the file is readable by its owner only. */
export function writeKubeconfig(input: KubeconfigInput): string {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: input.context, cluster: { server: input.server, "certificate-authority": input.caFile } }],
    users: [{ name: input.user, user: { token: input.token } }],
    contexts: [{ name: input.context, context: { cluster: input.context, user: input.user } }],
    "current-context": input.context,
  };
  fs.writeFileSync(input.file, stringify(doc), { mode: 0o600 });
  return input.file;
}
