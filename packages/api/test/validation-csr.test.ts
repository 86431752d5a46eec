import { describe, expect, it } from "vitest";
import { validateObject, validateStatusUpdate } from "../src/index.js";

const csr = (spec: Record<string, unknown>, conditions: unknown[] = [], certificate?: string) => ({
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name: "c1", resourceVersion: "5" },
  spec: { request: "", signerName: "example.com/signer", usages: ["client auth"], ...spec },
  status: { conditions, ...(certificate === undefined ? {} : { certificate }) },
});
const G = "certificates.k8s.io";
const K = "CertificateSigningRequest";
const fields = (errs: { field: string; type: string }[]) => errs.map((e) => `${e.field}:${e.type}`);

describe("CertificateSigningRequest validation", () => {
  it("accepts a well-formed request", () => {
    expect(validateObject(G, K, csr({ expirationSeconds: 600 }))).toEqual([]);
  });

  it("signer name, usages and duration", () => {
    expect(fields(validateObject(G, K, csr({ signerName: "" })))).toEqual([
      "spec.signerName:FieldValueRequired",
    ]);
    expect(fields(validateObject(G, K, csr({ signerName: "nopath" })))).toEqual([
      "spec.signerName:FieldValueInvalid",
    ]);
    expect(fields(validateObject(G, K, csr({ usages: [] })))).toEqual(["spec.usages:FieldValueRequired"]);
    expect(fields(validateObject(G, K, csr({ usages: ["client auth", "bogus", "client auth"] })))).toEqual([
      "spec.usages[1]:FieldValueNotSupported",
      "spec.usages[2]:FieldValueDuplicate",
    ]);
    const short = validateObject(G, K, csr({ expirationSeconds: 599 }));
    expect(short[0]?.detail).toBe("may not specify a duration less than 600 seconds (10 minutes)");
  });

  it("conditions: Approved and Denied exclusive, True only, never removed", () => {
    const both = [
      { type: "Approved", status: "True" },
      { type: "Denied", status: "True" },
    ];
    expect(fields(validateObject(G, K, csr({}, both)))).toEqual(["status.conditions:FieldValueInvalid"]);
    expect(fields(validateObject(G, K, csr({}, [{ type: "Approved", status: "False" }])))).toEqual([
      "status.conditions[0].status:FieldValueNotSupported",
    ]);
    const removed = validateStatusUpdate(G, K, csr({}, []), csr({}, [{ type: "Approved", status: "True" }]));
    expect(fields(removed)).toEqual(["status.conditions:FieldValueForbidden"]);
  });

  it("certificate: PEM CERTIFICATE blocks only, immutable once issued", () => {
    const approved = [{ type: "Approved", status: "True" }];
    const pem = Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").toString(
      "base64",
    );
    expect(validateStatusUpdate(G, K, csr({}, approved, pem), csr({}, approved))).toEqual([]);
    expect(fields(validateStatusUpdate(G, K, csr({}, approved, "aGVsbG8="), csr({}, approved)))).toEqual([
      "status.certificate:FieldValueInvalid",
    ]);
    const other = Buffer.from("-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n").toString(
      "base64",
    );
    expect(fields(validateStatusUpdate(G, K, csr({}, approved, other), csr({}, approved, pem)))).toEqual([
      "status.certificate:FieldValueForbidden",
    ]);
  });
});
