import { z } from "zod";

/** A container name (Kubernetes validates it as a DNS-1123 label: at most 63 characters), or "*" for all containers. */
export const containerNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/, "must be a container name (DNS-1123 label) or *");
