import { AppError } from "@/lib/errors/app-error";

/** Kubernetes DNS-1123 label: namespaces, Services. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kubernetes label value: versions / revisions (`version: v1`, `service.istio.io/canonical-revision`). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

function invalid(what: string, value: string, rule: string): AppError {
  return new AppError({
    code: "BadRequest",
    message: `Invalid ${what} ${JSON.stringify(value.slice(0, 80))}: must be ${rule}`,
    issues: [{ path: what, message: `must be ${rule}` }],
  });
}

/** Throws a BadRequest AppError unless `value` is a DNS-1123 label. */
export function assertDns1123Label(value: string, what: string): string {
  if (!isDns1123Label(value)) throw invalid(what, value, "a DNS-1123 label (lower-case alphanumerics and '-', at most 63)");
  return value;
}

/** Throws a BadRequest AppError unless `value` is a valid Kubernetes label value. */
export function assertLabelValue(value: string, what: string): string {
  if (!isLabelValue(value)) throw invalid(what, value, "a Kubernetes label value (alphanumerics, '-', '_', '.', at most 63)");
  return value;
}
