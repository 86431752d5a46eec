// Automatic compaction, decided by the leader and replicated as an ordinary compact entry, so the store's
// history stays bounded under churn (k3s issues #10396 / #10619 show what unbounded history costs).
// "revision" keeps the last N revisions; "periodic" keeps at least the history of the last T milliseconds,
// compacting in steps of a tenth of the window — the two modes of etcd's --auto-compaction-mode.

export type AutoCompaction =
  | { readonly mode: "revision"; readonly retention: number }
  | { readonly mode: "periodic"; readonly retentionMs: number }
  | { readonly mode: "off" };

interface Sample {
  readonly at: number;
  readonly revision: number;
}

export class AutoCompactor {
  private samples: Sample[] = [];
  private lastCompactAt = 0;

  constructor(private readonly policy: AutoCompaction) {}

  /** The leader's state changed hands: its samples start afresh (time-based history is local knowledge). */
  reset(): void {
    this.samples = [];
    this.lastCompactAt = 0;
  }

  /**
   * Called periodically on the leader with the store's revision and compact revision; returns the revision
   * to compact to, or null when nothing is due.
   */
  due(now: number, revision: number, compacted: number): number | null {
    switch (this.policy.mode) {
      case "off":
        return null;
      case "revision": {
        const target = revision - this.policy.retention;
        const step = Math.max(1, Math.floor(this.policy.retention / 10));
        return target > compacted && target - compacted >= step ? target : null;
      }
      case "periodic": {
        const window = this.policy.retentionMs;
        const step = Math.max(1, Math.floor(window / 10));
        const last = this.samples[this.samples.length - 1];
        if (last === undefined || now - last.at >= step) this.samples.push({ at: now, revision });
        if (now - this.lastCompactAt < step) return null;
        // The newest sample at least one window old: everything after it is still within the window.
        let pick: Sample | undefined;
        while (this.samples.length > 0 && now - this.samples[0]!.at >= window) pick = this.samples.shift();
        if (pick === undefined) return null;
        this.lastCompactAt = now;
        return pick.revision > compacted ? pick.revision : null;
      }
    }
  }
}

/** Parses etcd-style flags: mode "periodic" with "5m"/"1h"/"30s" (or plain hours), "revision" with a count, or "off". */
export function parseAutoCompaction(mode: string, retention: string): AutoCompaction {
  if (mode === "off" || retention === "0") return { mode: "off" };
  if (mode === "revision") {
    const n = Number(retention);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(
        `--auto-compaction-retention ${retention}: revision mode needs a positive whole number`,
      );
    }
    return { mode, retention: n };
  }
  if (mode === "periodic") {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(retention);
    if (m === null) {
      throw new Error(
        `--auto-compaction-retention ${retention}: periodic mode needs a duration like 5m, 1h or 30s`,
      );
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "h"] ?? 3_600_000;
    return { mode, retentionMs: Math.round(Number(m[1]) * unit) };
  }
  throw new Error(`--auto-compaction-mode ${mode}: expected periodic, revision or off`);
}
