// Lease expiry is decided by the leader alone and replicated as a revoke entry (docs/store.md "Leases"):
// the TTL clock lives here, in the leader's memory, never in the state machine, so replicas never disagree
// about whether a lease expired. A new leader starts every lease's clock afresh (a lease may then live up
// to one TTL longer than asked, never shorter — etcd's choice too).

export interface LeaseClock {
  /** Milliseconds, monotonic. */
  now(): number;
}

interface Tracked {
  ttlSeconds: number;
  deadline: number;
  /** When a revoke was last proposed for it (0 = never): re-proposed only after `retryMs`. */
  revokeProposedAt: number;
}

export class Lessor {
  private readonly leases = new Map<number, Tracked>();
  private active = false;

  constructor(
    private readonly clock: LeaseClock,
    /** How long to wait for a proposed revoke to apply before proposing it again. */
    private readonly retryMs = 2000,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  /** This member became leader: every existing lease gets a full TTL from now. */
  promote(leases: Iterable<{ id: number; ttl: number }>): void {
    this.active = true;
    this.leases.clear();
    const now = this.clock.now();
    for (const l of leases) this.leases.set(l.id, fresh(l.ttl, now));
  }

  /** This member is no longer leader: it stops deciding expiry. */
  demote(): void {
    this.active = false;
    this.leases.clear();
  }

  /** A grant was applied (on the leader: start its clock). */
  granted(id: number, ttlSeconds: number): void {
    if (this.active) this.leases.set(id, fresh(ttlSeconds, this.clock.now()));
  }

  /** A revoke was applied. */
  revoked(id: number): void {
    this.leases.delete(id);
  }

  /** A keep-alive: returns the renewed TTL in seconds, or 0 when the lease is unknown (etcd's answer). */
  renew(id: number): number {
    const l = this.leases.get(id);
    if (l === undefined) return 0;
    // A lease whose revoke is already proposed is gone as far as the client is concerned.
    if (l.revokeProposedAt > 0) return 0;
    l.deadline = this.clock.now() + l.ttlSeconds * 1000;
    return l.ttlSeconds;
  }

  /** Whole seconds left (rounded down, as etcd reports), or -1 when unknown. */
  remaining(id: number): number {
    const l = this.leases.get(id);
    if (l === undefined) return -1;
    return Math.max(0, Math.floor((l.deadline - this.clock.now()) / 1000));
  }

  /** Leases past their deadline whose revoke should be proposed now (marks them proposed). */
  takeExpired(): number[] {
    if (!this.active) return [];
    const now = this.clock.now();
    const out: number[] = [];
    for (const [id, l] of this.leases) {
      if (l.deadline > now) continue;
      if (l.revokeProposedAt > 0 && now - l.revokeProposedAt < this.retryMs) continue;
      l.revokeProposedAt = now;
      out.push(id);
    }
    return out;
  }
}

function fresh(ttlSeconds: number, now: number): Tracked {
  return { ttlSeconds, deadline: now + ttlSeconds * 1000, revokeProposedAt: 0 };
}
