import { describe, expect, it } from "vitest";
import { imageReferenceError, imageReferenceSchema, MAX_IMAGE_NAME_LENGTH } from "./image-reference";

const digest = `sha256:${"a".repeat(64)}`;

describe("imageReferenceError (distribution/reference grammar)", () => {
  it.each([
    "nginx",
    "nginx:1.27",
    "argoproj/rollouts-demo:blue",
    "library/busybox:latest",
    "ghcr.io/org/team/app:v1.2.3-rc.1",
    "localhost:5000/app",
    "registry.example.com:443/a/b__c/d-e.f:TAG_1",
    `quay.io/app@${digest}`,
    `quay.io/app:v1@${digest}`,
    "[::1]:5000/app:x",
    "Registry.Example.COM/app",
    `a${"b".repeat(MAX_IMAGE_NAME_LENGTH - 1)}`,
  ])("accepts %s", (image) => {
    expect(imageReferenceError(image)).toBeNull();
    expect(imageReferenceSchema.safeParse(image).success).toBe(true);
  });

  it.each([
    ["", /empty/],
    ["\u0000", /control characters/],
    ["nginx\n", /control characters/],
    ["nginx:1\t", /control characters/],
    ["nginx latest", /invalid image reference/],
    ["Nginx", /invalid image reference/],
    ["app=nginx", /invalid image reference/],
    ["nginx:", /invalid image reference/],
    ["nginx:-tag", /invalid image reference/],
    [`nginx:${"t".repeat(129)}`, /invalid image reference/],
    ["nginx@sha256:abc", /invalid image reference/],
    ["a//b", /invalid image reference/],
    ["a/-b", /invalid image reference/],
    ["a..b", /invalid image reference/],
    ["-registry.io/app", /invalid image reference/],
    [`a${"b".repeat(MAX_IMAGE_NAME_LENGTH)}`, /at most 255/],
    ["x".repeat(600), /at most 520/],
  ])("refuses %j", (image, why) => {
    expect(imageReferenceError(image)).toMatch(why);
    expect(imageReferenceSchema.safeParse(image).success).toBe(false);
  });
});
