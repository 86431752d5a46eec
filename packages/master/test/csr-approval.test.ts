import { describe, expect, it } from "vitest";
import { shouldAutoApprove } from "../src/controllers/csr/approval.js";
import { csrObject, makeRequest } from "./helpers/csr-fixtures.js";

const NODE = "O=system:nodes, CN=system:node:w9";

describe("auto-approval of node client certificates", () => {
  it("approves a bootstrapper's request for a node client certificate", async () => {
    const { csrPem } = await makeRequest(NODE);
    expect(shouldAutoApprove(csrObject(csrPem, {}))).toBe(true);
    expect(
      shouldAutoApprove(
        csrObject(csrPem, { usages: ["digital signature", "key encipherment", "client auth"] }),
      ),
    ).toBe(true);
  });

  it("approves a node renewing its own certificate, not another node's", async () => {
    const { csrPem } = await makeRequest(NODE);
    const renewal = { username: "system:node:w9", groups: ["system:nodes", "system:authenticated"] };
    expect(shouldAutoApprove(csrObject(csrPem, renewal))).toBe(true);
    expect(shouldAutoApprove(csrObject(csrPem, { ...renewal, username: "system:node:w8" }))).toBe(false);
  });

  it("leaves other requesters, signers, subjects and usages to an admin", async () => {
    const { csrPem } = await makeRequest(NODE);
    expect(shouldAutoApprove(csrObject(csrPem, { username: "alice", groups: ["devs"] }))).toBe(false);
    expect(shouldAutoApprove(csrObject(csrPem, { signerName: "kubernetes.io/kube-apiserver-client" }))).toBe(
      false,
    );
    expect(shouldAutoApprove(csrObject(csrPem, { usages: ["digital signature"] }))).toBe(false);
    expect(shouldAutoApprove(csrObject(csrPem, { usages: ["client auth", "server auth"] }))).toBe(false);
    const masters = await makeRequest("O=system:masters, CN=system:node:x");
    expect(shouldAutoApprove(csrObject(masters.csrPem, {}))).toBe(false);
    const twoOrgs = await makeRequest("O=system:nodes, O=system:masters, CN=system:node:x");
    expect(shouldAutoApprove(csrObject(twoOrgs.csrPem, {}))).toBe(false);
    const notNode = await makeRequest("O=system:nodes, CN=admin");
    expect(shouldAutoApprove(csrObject(notNode.csrPem, {}))).toBe(false);
    const withOu = await makeRequest("O=system:nodes, OU=x, CN=system:node:w9");
    expect(shouldAutoApprove(csrObject(withOu.csrPem, {}))).toBe(false);
  });

  it("does nothing twice and nothing to decided requests", async () => {
    const { csrPem } = await makeRequest(NODE);
    expect(shouldAutoApprove(csrObject(csrPem, {}, ["Approved"]))).toBe(false);
    expect(shouldAutoApprove(csrObject(csrPem, {}, ["Denied"]))).toBe(false);
    expect(shouldAutoApprove(csrObject(csrPem, {}, ["Failed"]))).toBe(false);
  });

  it("does not approve a request that does not parse", () => {
    const bad = csrObject(
      "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
      {},
    );
    expect(shouldAutoApprove(bad)).toBe(false);
  });
});
