import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Users of the lab's static token file; each gets a kubeconfig. */
export const labUsers = {
  admin: { user: "admin", uid: "uid-admin", groups: ["system:masters"] },
  viewer: { user: "viewer", uid: "uid-viewer", groups: ["meshdeck:viewers"] },
  controllerManager: { user: "system:kube-controller-manager", uid: "uid-kcm", groups: [] },
  scheduler: { user: "system:kube-scheduler", uid: "uid-scheduler", groups: [] },
  kwok: { user: "kwok-controller", uid: "uid-kwok", groups: ["system:masters"] },
  rollouts: { user: "argo-rollouts-controller", uid: "uid-rollouts", groups: ["system:masters"] },
  lab: { user: "meshdeck-lab", uid: "uid-lab", groups: ["system:masters"] },
} as const;
export type LabUser = keyof typeof labUsers;

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  saKey: string;
  saPub: string;
  tokenFile: string;
  tokens: Record<LabUser, string>;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * Creates (once) a CA, a serving certificate for 127.0.0.1/localhost used by the
 * apiserver and the lab's webhook, a service-account signing key pair and one
 * static bearer token per lab user. Reused on later starts so kubeconfigs stay valid.
 */
export function ensurePki(dir: string): Pki {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const p = (f: string) => path.join(dir, f);
  const pki: Pki = {
    dir,
    caCert: p("ca.crt"),
    caKey: p("ca.key"),
    servingCert: p("serving.crt"),
    servingKey: p("serving.key"),
    saKey: p("sa.key"),
    saPub: p("sa.pub"),
    tokenFile: p("tokens.csv"),
    tokens: {} as Record<LabUser, string>,
  };
  if (!fs.existsSync(pki.caCert)) {
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=meshdeck-lab-ca"], dir);
  }
  if (!fs.existsSync(pki.servingCert)) {
    const ext = [
      "basicConstraints=CA:FALSE",
      "keyUsage=digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local",
    ].join("\n");
    fs.writeFileSync(p("serving.ext"), ext);
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "serving.key", "-out", "serving.csr", "-subj", "/CN=kube-apiserver"], dir);
    openssl(["x509", "-req", "-in", "serving.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "serving.crt", "-days", "3650", "-extfile", "serving.ext"], dir);
  }
  if (!fs.existsSync(pki.saKey)) {
    openssl(["genrsa", "-out", "sa.key", "2048"], dir);
    openssl(["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
  }
  pki.tokens = ensureTokens(pki.tokenFile);
  return pki;
}

function ensureTokens(file: string): Record<LabUser, string> {
  const existing = new Map<string, string>();
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const [token, user] = line.split(",");
      if (token && user) existing.set(user, token);
    }
  }
  const tokens = {} as Record<LabUser, string>;
  const lines: string[] = [];
  for (const [key, u] of Object.entries(labUsers) as [LabUser, (typeof labUsers)[LabUser]][]) {
    const token = existing.get(u.user) ?? randomBytes(24).toString("hex");
    tokens[key] = token;
    const groups = u.groups.length > 0 ? `,"${u.groups.join(",")}"` : "";
    lines.push(`${token},${u.user},${u.uid}${groups}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n", { mode: 0o600 });
  return tokens;
}
