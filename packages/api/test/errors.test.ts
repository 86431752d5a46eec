import { describe, expect, it } from "vitest";
import {
  ApiError,
  alreadyExists,
  conflict,
  expired,
  forbidden,
  invalid,
  notFound,
  toApiError,
  unsupportedMediaType,
} from "../src/errors.js";

const deployments = { resource: "deployments", group: "apps" };
const pods = { resource: "pods", group: "" };

// The bodies the real API server sends (research/kubectl.md §2.1): kubectl renders them, so they must match.
describe("ApiError → Status", () => {
  it("NotFound names the qualified resource; details.kind is the plural resource", () => {
    expect(notFound(deployments, "nope").toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      reason: "NotFound",
      code: 404,
      message: 'deployments.apps "nope" not found',
      details: { name: "nope", group: "apps", kind: "deployments" },
    });
    expect(notFound(pods, "web").message).toBe('pods "web" not found');
  });

  it("AlreadyExists and Conflict are 409 with Kubernetes' wording", () => {
    expect(alreadyExists(deployments, "web").toStatus()).toMatchObject({
      reason: "AlreadyExists",
      code: 409,
      message: 'deployments.apps "web" already exists',
    });
    expect(conflict(deployments, "web").toStatus()).toMatchObject({
      reason: "Conflict",
      code: 409,
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it("Invalid is 422 with the Kind in details and one cause per field; several causes are bracketed", () => {
    const one = invalid("Deployment", "apps", "bad", [
      {
        reason: "FieldValueInvalid",
        field: "spec.replicas",
        message: "Invalid value: -1: must be greater than or equal to 0",
      },
    ]);
    expect(one.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      reason: "Invalid",
      code: 422,
      message:
        'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: {
        name: "bad",
        group: "apps",
        kind: "Deployment",
        causes: [
          {
            reason: "FieldValueInvalid",
            field: "spec.replicas",
            message: "Invalid value: -1: must be greater than or equal to 0",
          },
        ],
      },
    });
    const two = invalid("Pod", "", "p", [
      { reason: "FieldValueRequired", field: "spec.containers", message: "Required value" },
      { reason: "FieldValueRequired", field: "metadata.name", message: "Required value" },
    ]);
    expect(two.message).toBe(
      'Pod "p" is invalid: [spec.containers: Required value, metadata.name: Required value]',
    );
  });

  it("Expired (410), Forbidden (403) and UnsupportedMediaType (415) read as the API server's", () => {
    expect(expired("106", "106").toStatus()).toMatchObject({
      reason: "Expired",
      code: 410,
      message: "too old resource version: 106 (106)",
    });
    expect(forbidden("viewer", "create", pods, "default").message).toBe(
      'pods is forbidden: User "viewer" cannot create resource "pods" in API group "" in the namespace "default"',
    );
    expect(
      forbidden("system:node:n1", "update", { resource: "nodes", group: "" }, undefined, "n2").message,
    ).toBe(
      'nodes "n2" is forbidden: User "system:node:n1" cannot update resource "nodes" in API group "" at the cluster scope',
    );
    expect(unsupportedMediaType(["application/json", "application/yaml"]).toStatus()).toMatchObject({
      reason: "UnsupportedMediaType",
      code: 415,
      message:
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
    });
  });

  it("anything else thrown becomes a 500 InternalError, an ApiError passes through", () => {
    const e = toApiError(new TypeError("boom"));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.toStatus()).toMatchObject({
      reason: "InternalError",
      code: 500,
      message: "Internal error occurred: boom",
    });
    const nf = notFound(pods, "x");
    expect(toApiError(nf)).toBe(nf);
  });
});
