import { z } from "zod";

export const loginBodySchema = z.strictObject({
  /** A Kubernetes bearer token (service-account token, OIDC id token, static token). */
  token: z.string().trim().min(8, "token too short").max(16_384, "token too long").regex(/^\S+$/, "token contains whitespace"),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionInfoSchema = z.object({
  mode: z.enum(["kubeconfig", "token", "proxy"]),
  readOnly: z.boolean(),
  authenticated: z.boolean(),
  /** Kubernetes user name, when known. */
  user: z.string().nullable(),
  groups: z.array(z.string()),
  /** How this request is authenticated. */
  via: z.enum(["server", "session", "bearer", "proxy", "none"]),
  /** Session expiry (token mode). */
  expiresAt: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const contextsSchema = z.object({
  /** Whether the list comes from a kubeconfig file (false in-cluster: one implicit context). */
  fromKubeconfig: z.boolean(),
  /** The context this session uses. */
  current: z.string(),
  /** The kubeconfig's own current context (what a session uses until it picks another). */
  default: z.string(),
  contexts: z.array(z.object({ name: z.string(), cluster: z.string(), namespace: z.string().nullable() })),
  /** Whether POST /api/contexts may switch this session's context (kubeconfig mode with a kubeconfig file). */
  switchable: z.boolean(),
});
export type ContextsAnswer = z.infer<typeof contextsSchema>;

export const selectContextBodySchema = z.strictObject({ context: z.string().min(1).max(253) });
