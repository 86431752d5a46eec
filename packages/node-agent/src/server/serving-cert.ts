// The agent's HTTPS serving certificate: self-signed at first start, then reused from the data dir.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { certificateUsable, selfSignedServingCert } from "../agent/key-material.js";

export async function servingCertificate(
  pki: string,
  nodeName: string,
  nodeIP: string,
): Promise<{ certPem: string; keyPem: string }> {
  const certFile = join(pki, "server.crt");
  const keyFile = join(pki, "server.key");
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, "utf8");
    if (certificateUsable(certPem, nodeName, 24 * 3600_000))
      return { certPem, keyPem: readFileSync(keyFile, "utf8") };
  }
  const pair = await selfSignedServingCert(nodeName, nodeIP);
  mkdirSync(pki, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pair.keyPem, { mode: 0o600 });
  writeFileSync(certFile, pair.certPem);
  return pair;
}
