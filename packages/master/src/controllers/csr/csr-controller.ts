import { ApiError } from "@tskube/api";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import type { ApiObject } from "../../apiserver/api-object.js";
import type { ApiCore, RequestScope, UserInfo, WatchEvent } from "../../apiserver/api-types.js";
import type { ClusterCa } from "../../auth/ca.js";
import type { Logger } from "../../logger.js";
import { WatchQueueController } from "../watch-queue-controller.js";
import { hasCondition, shouldAutoApprove } from "./approval.js";
import {
  AUTO_APPROVE_MESSAGE,
  AUTO_APPROVE_REASON,
  SIGNED_SIGNERS,
  SIGNER_FAILURE_REASON,
} from "./signers.js";
import { SigningRefused, signRequest } from "./signing.js";

const SYSTEM_USER: UserInfo = {
  name: "system:serviceaccount:kube-system:certificate-controller",
  groups: ["system:masters"],
};
const SCOPE: RequestScope = {
  user: SYSTEM_USER,
  group: "certificates.k8s.io",
  version: "v1",
  resource: "certificatesigningrequests",
};

/** What one reconcile did, for tests and logs. */
export type CsrAction = "approved" | "signed" | "failed" | "none";

/**
 * The masters' certificate controller (Kubernetes' csrapproving + csrsigning): watches
 * CertificateSigningRequests, queues their names and reconciles each: auto-approve node client requests,
 * then sign approved requests of the client signers with the cluster CA. Every step is a guarded write of
 * the version it read, so several masters running it at once never issue two certificates: the loser of
 * a race gets a conflict, re-reads, and finds the work done.
 */
export class CsrController extends WatchQueueController {
  constructor(
    core: ApiCore,
    private readonly ca: ClusterCa,
    logger: Logger,
  ) {
    super(core, logger, SCOPE);
  }

  protected keyOf(e: WatchEvent): string | undefined {
    if (e.type !== "ADDED" && e.type !== "MODIFIED") return undefined;
    return needsWork(e.object as unknown as CertificateSigningRequest) ? e.object.metadata?.name : undefined;
  }

  protected async step(name: string): Promise<boolean> {
    await this.reconcile(name);
    return true;
  }

  protected override quiet(err: unknown): boolean {
    return err instanceof ApiError && err.reason === "Conflict";
  }

  /** One step for the named request: approve it, or sign it, or nothing. Safe to repeat. */
  async reconcile(name: string): Promise<CsrAction> {
    let csr: CertificateSigningRequest;
    try {
      csr = (await this.core.get({ ...SCOPE, name })) as unknown as CertificateSigningRequest;
    } catch (err) {
      if (err instanceof ApiError && err.reason === "NotFound") return "none";
      throw err;
    }
    if (shouldAutoApprove(csr)) {
      await this.write(
        name,
        "approval",
        withCondition(csr, AUTO_APPROVE_REASON, "Approved", AUTO_APPROVE_MESSAGE),
      );
      this.logger.info({ csr: name, user: csr.spec.username }, "csr: auto-approved node client certificate");
      return "approved";
    }
    if (!readyToSign(csr)) return "none";
    let certificate: string;
    try {
      certificate = await signRequest(csr, this.ca);
    } catch (err) {
      if (!(err instanceof SigningRefused)) throw err;
      await this.write(name, "status", withCondition(csr, SIGNER_FAILURE_REASON, "Failed", err.message));
      this.logger.warn({ csr: name, reason: err.message }, "csr: signing refused");
      return "failed";
    }
    const signed = structuredClone(csr);
    signed.status = { ...signed.status, certificate: Buffer.from(certificate).toString("base64") };
    await this.write(name, "status", signed);
    this.logger.info({ csr: name, signer: csr.spec.signerName }, "csr: certificate issued");
    return "signed";
  }

  private async write(name: string, subresource: string, body: CertificateSigningRequest): Promise<void> {
    await this.core.update({ ...SCOPE, name, subresource }, body as unknown as ApiObject);
  }
}

/** Approved, not denied or failed, not yet issued, and ours to sign. */
function readyToSign(csr: CertificateSigningRequest): boolean {
  return (
    SIGNED_SIGNERS.includes(csr.spec?.signerName ?? "") &&
    hasCondition(csr, "Approved") &&
    !hasCondition(csr, "Denied") &&
    !hasCondition(csr, "Failed") &&
    (csr.status?.certificate ?? "") === ""
  );
}

function needsWork(csr: CertificateSigningRequest): boolean {
  return (
    (csr.status?.certificate ?? "") === "" && !hasCondition(csr, "Denied") && !hasCondition(csr, "Failed")
  );
}

function withCondition(
  csr: CertificateSigningRequest,
  reason: string,
  type: string,
  message: string,
): CertificateSigningRequest {
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  const next = structuredClone(csr);
  next.status = {
    ...next.status,
    conditions: [
      ...(next.status?.conditions ?? []),
      { type, status: "True", reason, message, lastUpdateTime: now, lastTransitionTime: now },
    ],
  };
  return next;
}
