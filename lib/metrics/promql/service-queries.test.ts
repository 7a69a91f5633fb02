import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import {
  destinationShare,
  errorCountRateByVersion,
  errorRateByVersion,
  latencyQuantileByVersion,
  latencyQuantilesByVersion,
  requestRateByVersion,
  serviceMatchers,
} from "./service-queries";
import { renderMatcher } from "./selector";

const reviews = { service: { namespace: "bookinfo", name: "reviews" }, rateWindow: 20 };
const sel = (extra = "") =>
  `istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"${extra}`;

describe("service queries", () => {
  it("request rate per version: destination_version, else destination_canonical_revision", () => {
    expect(requestRateByVersion(reviews)).toBe(
      `sum by (meshdeck_version) (` +
        `label_replace(rate(${sel(',destination_version!~"unknown|"')}}[20s]), "meshdeck_version", "$1", "destination_version", "(.*)") or ` +
        `label_replace(rate(${sel(',destination_version=~"unknown|"')}}[20s]), "meshdeck_version", "$1", "destination_canonical_revision", "(.*)"))`,
    );
  });

  it("uses reporter=destination by default and source on request", () => {
    expect(serviceMatchers(reviews.service).map(renderMatcher)[0]).toBe('reporter="destination"');
    expect(requestRateByVersion({ ...reviews, reporter: "source" })).toContain('reporter="source"');
    expect(requestRateByVersion({ ...reviews, reporter: "source" })).not.toContain('reporter="destination"');
  });

  it("counts HTTP 5xx and non-OK gRPC statuses as errors, without double counting", () => {
    const q = errorCountRateByVersion(reviews);
    expect(q).toContain('response_code=~"5\\\\d\\\\d"');
    expect(q).toContain('request_protocol="grpc",grpc_response_status=~"[1-9]|1[0-6]",response_code!~"5\\\\d\\\\d"');
  });

  it("error ratio gives 0 (not nothing) for versions without errors", () => {
    const q = errorRateByVersion(reviews);
    expect(q.startsWith(`(${errorCountRateByVersion(reviews)} or (0 * ${requestRateByVersion(reviews)})) / `)).toBe(true);
  });

  it("latency quantiles sum buckets by (le, version) before histogram_quantile", () => {
    const q = latencyQuantileByVersion(reviews, 0.95);
    expect(q.startsWith("histogram_quantile(0.95, sum by (le, meshdeck_version) (")).toBe(true);
    expect(q).toContain("istio_request_duration_milliseconds_bucket{");
    const all = latencyQuantilesByVersion(reviews);
    for (const qq of ["0.5", "0.95", "0.99"]) expect(all).toContain(`"quantile", "${qq}", "", ""`);
    expect(() => latencyQuantileByVersion(reviews, 1)).toThrow();
    expect(() => latencyQuantilesByVersion(reviews, [])).toThrow();
  });

  it.each([
    { namespace: "bookinfo", name: 'reviews"} or vector(1) or x{a="' },
    { namespace: "Bookinfo", name: "reviews" },
    { namespace: "bookinfo", name: "reviews.bookinfo" },
    { namespace: "", name: "reviews" },
    { namespace: "bookinfo", name: "a".repeat(64) },
  ])("rejects invalid names with a typed BadRequest: %j", (service) => {
    let caught: unknown;
    try {
      requestRateByVersion({ ...reviews, service });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("BadRequest");
  });

  it("rejects a rate window that is not whole seconds", () => {
    expect(() => requestRateByVersion({ ...reviews, rateWindow: 0 })).toThrow();
  });
});

describe("destinationShare", () => {
  it("per Service, across namespaces, normalised by the total", () => {
    const q = destinationShare({
      destinations: [
        { service: "foolish-penguin-sample", namespace: "default" },
        { service: "peeking-rabbit-sample", namespace: "default" },
        { service: "other", namespace: "ns2" },
      ],
      by: "service",
      rateWindow: 60,
    });
    const inner =
      'rate(istio_requests_total{reporter="destination",destination_service_namespace="default",destination_service_name=~"foolish-penguin-sample|peeking-rabbit-sample"}[1m]) or ' +
      'rate(istio_requests_total{reporter="destination",destination_service_namespace="ns2",destination_service_name="other"}[1m])';
    expect(q).toBe(`sum by (destination_service_namespace, destination_service_name) (${inner}) / scalar(sum(${inner}))`);
  });

  it("per Service and version (subsets), deduplicating hosts", () => {
    const q = destinationShare({
      destinations: [
        { service: "reviews", namespace: "bookinfo" },
        { service: "reviews", namespace: "bookinfo" },
      ],
      by: "version",
      rateWindow: 20,
      reporter: "source",
    });
    expect(q.startsWith("sum by (destination_service_namespace, destination_service_name, meshdeck_version) (")).toBe(true);
    expect(q).toContain('destination_service_name="reviews"');
    expect(q).toContain('reporter="source"');
    expect(() => destinationShare({ destinations: [], by: "service", rateWindow: 20 })).toThrow();
  });
});
