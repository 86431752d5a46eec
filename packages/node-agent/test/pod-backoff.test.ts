import { describe, expect, it } from "vitest";
import { Backoff, crashLoopMessage, goDuration, imagePullBackOffMessage } from "../src/pod/index.js";
import { pod } from "./pod-fixtures.js";

describe("Backoff", () => {
  it("starts at 10s, doubles, caps at 5m", () => {
    let now = 0;
    const b = new Backoff({ now: () => now });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next("c", now);
      delays.push(b.get("c"));
      now += b.get("c");
    }
    expect(delays.map(goDuration)).toEqual(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"]);
  });

  it("is in back-off for the delay since the event (the container's exit), then not", () => {
    let now = 1_000_000;
    const b = new Backoff({ now: () => now });
    const exit = now;
    expect(b.isInBackOffSince("c", exit)).toBe(false);
    b.next("c", exit);
    now += 9_999;
    expect(b.isInBackOffSince("c", exit)).toBe(true);
    expect(b.remaining("c", exit)).toBe(1);
    now += 1;
    expect(b.isInBackOffSince("c", exit)).toBe(false);
    expect(b.remaining("c", exit)).toBe(0);
  });

  it("resets after running for more than twice the cap (10 min)", () => {
    let now = 0;
    const b = new Backoff({ now: () => now });
    b.next("c", now);
    b.next("c", now);
    expect(b.get("c")).toBe(20_000);
    now += 600_001;
    b.next("c", now);
    expect(b.get("c")).toBe(10_000);
    now += 600_000;
    b.next("c", now);
    expect(b.get("c")).toBe(20_000);
    now += 600_001;
    b.gc();
    expect(b.get("c")).toBe(0);
  });

  it("keeps keys apart and forgets on reset", () => {
    const b = new Backoff({ now: () => 0 });
    b.next("a", 0);
    b.next("a", 0);
    b.next("b", 0);
    expect([b.get("a"), b.get("b")]).toEqual([20_000, 10_000]);
    b.reset("a");
    expect(b.get("a")).toBe(0);
  });

  it("formats kubelet's messages", () => {
    expect(crashLoopMessage(40_000, "app", pod())).toBe(
      "back-off 40s restarting failed container=app pod=web_shop(1111-2222)",
    );
    expect(imagePullBackOffMessage("web:9")).toBe('Back-off pulling image "web:9"');
    expect(goDuration(3_600_000 + 61_000)).toBe("1h1m1s");
  });
});
