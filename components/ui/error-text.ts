import type { ApiError } from "@/lib/errors/api-error";

/** Short title for an error code, for people. */
export function errorTitle(error: ApiError): string {
  switch (error.code) {
    case "Forbidden":
      return error.verb && error.resource
        ? `Not allowed to ${error.verb} ${error.resource}${error.namespace ? ` in ${error.namespace}` : ""}`
        : "Not allowed";
    case "CrdMissing":
      return "Istio CRDs are not installed";
    case "Unavailable":
      // Metric panels fail with Prometheus' own message; everything else is the Kubernetes API.
      return /^Prometheus\b/.test(error.message) ? "Prometheus unavailable" : "Kubernetes API unavailable";
    case "BadRequest":
      return "Invalid request";
    case "NotFound":
      return "Not found";
    case "MethodNotAllowed":
      return "Not supported here";
    case "MisdirectedRequest":
      return "Unknown host name";
    case "Conflict":
      return "Conflict";
    case "Unprocessable":
      return "Rejected by the API server";
    case "Locked":
      return "Locked by a controller";
    case "TooManyRequests":
      return "Too many requests";
    case "PreconditionRequired":
      return "Reload first (the route is addressed by position)";
    case "Internal":
      return "Unexpected error";
  }
}
