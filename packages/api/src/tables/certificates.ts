import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import { age, humanDuration } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

/** kubectl's CONDITION: Denied wins over Approved, else Pending; then ",Failed" and ",Issued" as they apply. */
export function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let out = types.has("Denied") ? "Denied" : types.has("Approved") ? "Approved" : "Pending";
  if (types.has("Failed")) out += ",Failed";
  if ((csr.status?.certificate ?? "") !== "") out += ",Issued";
  return out;
}

export const certificateSigningRequestPrinter: KindPrinter<CertificateSigningRequest> = {
  columns: [
    nameColumn(),
    ageColumn,
    column("SignerName"),
    column("Requestor"),
    column("RequestedDuration"),
    column("Condition"),
  ],
  row(csr: CertificateSigningRequest, now: Date): TableCell[] {
    const spec = csr.spec;
    const seconds = spec?.expirationSeconds;
    return [
      csr.metadata?.name ?? "",
      age(csr.metadata?.creationTimestamp, now),
      spec?.signerName || "<none>",
      spec?.username ?? "",
      seconds === undefined || seconds === null ? "<none>" : humanDuration(seconds * 1000),
      csrCondition(csr),
    ];
  },
};
