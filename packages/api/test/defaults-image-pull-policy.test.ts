import { describe, expect, it } from "vitest";
import { defaultImagePullPolicy, parseImageRef } from "../src/defaults/index.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("defaultImagePullPolicy", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["library/nginx", "Always"],
    ["docker.io/library/nginx:latest", "Always"],
    ["localhost:5000/app", "Always"],
    ["localhost:5000/app:latest", "Always"],
    [`nginx:latest@${DIGEST}`, "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["localhost:5000/app:v2", "IfNotPresent"],
    ["registry.example.com:443/team/app:1.0.0", "IfNotPresent"],
    [`nginx@${DIGEST}`, "IfNotPresent"],
    [`nginx:1.27@${DIGEST}`, "IfNotPresent"],
    ["nginx:Latest", "IfNotPresent"],
    // Unparseable references: Kubernetes ignores the parse error and takes IfNotPresent.
    ["", "IfNotPresent"],
    [undefined, "IfNotPresent"],
    ["NGINX", "IfNotPresent"],
    ["nginx:", "IfNotPresent"],
    ["nginx@sha256:short", "IfNotPresent"],
  ])("%s → %s", (image, expected) => {
    expect(defaultImagePullPolicy(image)).toBe(expected);
  });
});

describe("parseImageRef", () => {
  it("splits tag and digest, keeping a registry port out of the tag", () => {
    expect(parseImageRef("localhost:5000/app")).toEqual({ tag: "", digest: "" });
    expect(parseImageRef(`localhost:5000/app:v1@${DIGEST}`)).toEqual({ tag: "v1", digest: DIGEST });
  });
});
