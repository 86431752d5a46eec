import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  certificateUsable,
  nodeCertificateRequest,
  selfSignedServingCert,
} from "../src/agent/key-material.js";
import { x509 } from "../src/agent/x509-library.js";

describe("nodeCertificateRequest", () => {
  it("is a signed PKCS#10 request for CN=system:node:NAME, O=system:nodes with the returned key", async () => {
    const { keyPem, csrPem } = await nodeCertificateRequest("w1");
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const csr = new x509.Pkcs10CertificateRequest(csrPem);
    expect(csr.subjectName.getField("CN")).toEqual(["system:node:w1"]);
    expect(csr.subjectName.getField("O")).toEqual(["system:nodes"]);
    expect(await csr.verify()).toBe(true);
    // The request carries the public half of the returned private key.
    const fromKey = createPublicKey(keyPem).export({ format: "der", type: "spki" });
    expect(Buffer.from(csr.publicKey.rawData).equals(fromKey)).toBe(true);
  });
});

describe("selfSignedServingCert", () => {
  it("names the node and its IP and is usable as a server certificate", async () => {
    const { certPem, keyPem } = await selfSignedServingCert("w1", "192.168.56.21");
    const cert = new X509Certificate(certPem);
    expect(cert.subjectAltName).toContain("IP Address:192.168.56.21");
    expect(cert.subjectAltName).toContain("DNS:w1");
    expect(cert.subject).toMatch(/^CN=w1@\d+$/);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    // Serial numbers must be positive for Go: the first hex digit is below 8.
    expect(Number.parseInt(cert.serialNumber.charAt(0), 16)).toBeLessThan(8);
  });
});

describe("certificateUsable", () => {
  it("needs the subject and at least the margin of validity left", async () => {
    const { certPem } = await selfSignedServingCert("w1", "10.0.0.1");
    const validTo = new Date(new X509Certificate(certPem).validTo).getTime();
    const day = 24 * 3600_000;
    expect(certificateUsable(certPem, "w1", day)).toBe(true);
    expect(certificateUsable(certPem, "w2", day)).toBe(false);
    expect(certificateUsable(certPem, "w1", day, new Date(validTo - 2 * day))).toBe(true);
    expect(certificateUsable(certPem, "w1", day, new Date(validTo - day / 2))).toBe(false);
    expect(certificateUsable("not a certificate", "w1", 0)).toBe(false);
  });
});
