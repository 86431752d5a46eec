import { describe, expect, it } from "vitest";
import type { ApiObject } from "../src/apiserver/api-object.js";
import {
  prepareCsrForCreate,
  prepareCsrForUpdate,
  validateCsrRequest,
} from "../src/apiserver/core/csr-strategy.js";
import { csrObject, makeRequest } from "./helpers/csr-fixtures.js";

const NOW = new Date("2025-01-02T03:04:05Z");
const asApi = (o: unknown) => o as ApiObject;

describe("CSR write rules", () => {
  it("create records the requester and starts with an empty status", async () => {
    const { csrPem } = await makeRequest("O=system:nodes, CN=system:node:w9");
    const claimed = csrObject(
      csrPem,
      { username: "admin", groups: ["system:masters"], uid: "x", extra: { a: ["b"] } },
      ["Approved"],
    );
    const out = prepareCsrForCreate(asApi(claimed), {
      name: "system:bootstrap:abcdef",
      groups: ["system:bootstrappers", "system:authenticated"],
    }) as unknown as typeof claimed;
    expect(out.spec).toMatchObject({
      username: "system:bootstrap:abcdef",
      groups: ["system:bootstrappers", "system:authenticated"],
    });
    expect(out.spec.uid).toBeUndefined();
    expect(out.spec.extra).toBeUndefined();
    expect(out.status).toEqual({});
  });

  it("/status keeps Approved/Denied as they were; /approval keeps the certificate; the main endpoint keeps both", async () => {
    const { csrPem } = await makeRequest("CN=x");
    const old = csrObject(csrPem, {}, []);
    const approvedBySneak = csrObject(csrPem, {}, ["Approved"]);
    approvedBySneak.status = { ...approvedBySneak.status, certificate: "Y2VydA==" };
    const viaStatus = prepareCsrForUpdate(
      asApi(structuredClone(approvedBySneak)),
      asApi(old),
      "status",
      NOW,
    ) as unknown as typeof old;
    expect(viaStatus.status?.conditions).toBeUndefined();
    expect(viaStatus.status?.certificate).toBe("Y2VydA==");

    const viaApproval = prepareCsrForUpdate(
      asApi(structuredClone(approvedBySneak)),
      asApi(old),
      "approval",
      NOW,
    ) as unknown as typeof old;
    expect(viaApproval.status?.certificate).toBeUndefined();
    expect(viaApproval.status?.conditions?.[0]).toMatchObject({
      type: "Approved",
      lastUpdateTime: "2025-01-02T03:04:05Z",
      lastTransitionTime: "2025-01-02T03:04:05Z",
    });

    const changedSpec = structuredClone(approvedBySneak);
    changedSpec.spec.signerName = "example.com/other";
    const viaMain = prepareCsrForUpdate(
      asApi(changedSpec),
      asApi(old),
      undefined,
      NOW,
    ) as unknown as typeof old;
    expect(viaMain.spec.signerName).toBe(old.spec.signerName);
    expect(viaMain.status).toEqual(old.status);
  });

  it("spec.request must parse", async () => {
    const { csrPem } = await makeRequest("CN=x");
    expect(validateCsrRequest(asApi(csrObject(csrPem, {})))).toEqual([]);
    const errs = validateCsrRequest(asApi(csrObject("not a pem", {})));
    expect(errs.map((e) => [e.field, e.detail])).toEqual([
      ["spec.request", "PEM block type must be CERTIFICATE REQUEST"],
    ]);
  });
});
