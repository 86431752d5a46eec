import { ApiError } from "@tskube/api";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import type { ApiObject } from "../../apiserver/api-object.js";
import type { ApiCore, RequestScope, UserInfo, WatchHandle } from "../../apiserver/api-types.js";
import type { ClusterCa } from "../../auth/ca.js";
import type { Logger } from "../../logger.js";
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
const RETRY_MS = 1000;
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
export class CsrController {
  private handle: WatchHandle | null = null;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running = false;

  constructor(
    private readonly core: ApiCore,
    private readonly ca: ClusterCa,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.handle = await this.core.watch(SCOPE, { resourceVersion: "0" }, (e) => {
      if (e.type !== "ADDED" && e.type !== "MODIFIED") return;
      const name = e.object.metadata?.name;
      if (name === undefined || !needsWork(e.object as unknown as CertificateSigningRequest)) return;
      this.pending.add(name);
      this.schedule(0);
    });
    void this.handle.done.then(() => {
      if (!this.stopped) setTimeout(() => void this.start().catch(() => this.schedule(RETRY_MS)), RETRY_MS);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.handle?.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), ms);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const name of [...this.pending]) {
        this.pending.delete(name);
        try {
          await this.reconcile(name);
        } catch (err) {
          if (!(err instanceof ApiError && err.reason === "Conflict")) {
            this.logger.warn({ csr: name, err: (err as Error).message }, "csr: reconcile failed, retrying");
          }
          this.pending.add(name);
        }
      }
    } finally {
      this.running = false;
      if (this.pending.size > 0) this.schedule(RETRY_MS);
    }
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
