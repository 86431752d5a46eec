import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type ClusterCa, createClusterCa } from "../src/auth/ca.js";
import { requestParseError } from "../src/controllers/csr/request.js";
import { SigningRefused, signRequest } from "../src/controllers/csr/signing.js";
import { csrObject, makeRequest } from "./helpers/csr-fixtures.js";

const DAY_MS = 24 * 3600_000;
let ca: ClusterCa;

beforeAll(async () => {
  ca = await createClusterCa();
});

describe("signing approved requests with the cluster CA", () => {
  it("issues a client certificate for the request's subject and key, valid one year by default", async () => {
    const { csrPem, keys } = await makeRequest("O=system:nodes, CN=system:node:w9");
    const pem = await signRequest(csrObject(csrPem, {}, ["Approved"]), ca);
    const cert = new X509Certificate(pem);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.subject.split("\n").sort()).toEqual(["CN=system:node:w9", "O=system:nodes"]);
    expect(cert.issuer).toBe("CN=tskube-ca");
    const spki = Buffer.from(await crypto.subtle.exportKey("spki", keys.publicKey));
    expect(cert.publicKey.export({ type: "spki", format: "der" }).equals(spki)).toBe(true);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(cert.ca).toBe(false);
    const days = (Date.parse(cert.validTo) - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
  });

  it("honours expirationSeconds and never outlives the CA", async () => {
    const { csrPem } = await makeRequest("O=system:nodes, CN=system:node:w9");
    const short = new X509Certificate(await signRequest(csrObject(csrPem, { expirationSeconds: 3600 }), ca));
    expect(Math.abs(Date.parse(short.validTo) - Date.now() - 3600_000)).toBeLessThan(5_000);
    const shortCa = await createClusterCa(2);
    const capped = new X509Certificate(
      await signRequest(csrObject(csrPem, { expirationSeconds: 30 * 24 * 3600 }), shortCa),
    );
    expect(capped.validTo).toBe(new X509Certificate(shortCa.certPem).validTo);
  });

  it("signs kube-apiserver-client requests for any subject", async () => {
    const { csrPem } = await makeRequest("O=devs, CN=alice");
    const pem = await signRequest(
      csrObject(csrPem, { signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"] }),
      ca,
    );
    expect(new X509Certificate(pem).subject.split("\n").sort()).toEqual(["CN=alice", "O=devs"]);
  });

  it("refuses what its signer does not issue, and requests whose signature does not verify", async () => {
    const masters = await makeRequest("O=system:masters, CN=system:node:x");
    await expect(signRequest(csrObject(masters.csrPem, {}), ca)).rejects.toThrow(SigningRefused);
    const server = await makeRequest("O=devs, CN=alice");
    await expect(
      signRequest(
        csrObject(server.csrPem, {
          signerName: "kubernetes.io/kube-apiserver-client",
          usages: ["server auth", "client auth"],
        }),
        ca,
      ),
    ).rejects.toThrow(/invalid usages/);
    // A flipped bit in the signature's last byte keeps the DER well-formed but breaks the signature.
    const a = await makeRequest("O=system:nodes, CN=system:node:w9");
    const der = pemDer(a.csrPem);
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(signRequest(csrObject(pem, {}), ca)).rejects.toThrow(/unable to verify csr/);
  });
});

describe("reading spec.request", () => {
  it("wants a PEM CERTIFICATE REQUEST that parses", async () => {
    const { csrPem } = await makeRequest("CN=x");
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    expect(requestParseError(b64(csrPem))).toBeUndefined();
    expect(requestParseError(b64("hello"))).toBe("PEM block type must be CERTIFICATE REQUEST");
    expect(requestParseError(b64(ca.certPem))).toBe("PEM block type must be CERTIFICATE REQUEST");
    expect(
      requestParseError(
        b64("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"),
      ),
    ).toMatch(/^x509: malformed certificate request/);
  });
});

function pemDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
}
