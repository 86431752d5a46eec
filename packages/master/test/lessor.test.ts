import { describe, expect, it } from "vitest";
import { Lessor } from "../src/lease/lessor.js";

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("lessor (the leader's lease clocks)", () => {
  it("decides nothing until this member is leader; then every lease gets a full TTL from the promotion", () => {
    const c = clock();
    const l = new Lessor(c);
    l.granted(1, 5);
    c.t = 60_000;
    expect(l.takeExpired()).toEqual([]);
    l.promote([{ id: 1, ttl: 5 }]);
    c.t += 4_999;
    expect(l.takeExpired()).toEqual([]);
    c.t += 1;
    expect(l.takeExpired()).toEqual([1]);
  });

  it("a keep-alive renews to the full TTL; an unknown or expiring lease answers 0", () => {
    const c = clock();
    const l = new Lessor(c);
    l.promote([]);
    l.granted(7, 10);
    c.t = 9_000;
    expect(l.renew(7)).toBe(10);
    expect(l.remaining(7)).toBe(10);
    c.t = 18_500;
    expect(l.remaining(7)).toBe(0);
    expect(l.takeExpired()).toEqual([]);
    c.t = 19_000;
    expect(l.takeExpired()).toEqual([7]);
    expect(l.renew(7)).toBe(0);
    expect(l.renew(8)).toBe(0);
    expect(l.remaining(8)).toBe(-1);
  });

  it("re-offers an expired lease whose revoke did not apply, after the retry delay; forgets it once revoked", () => {
    const c = clock();
    const l = new Lessor(c, 2000);
    l.promote([{ id: 3, ttl: 1 }]);
    c.t = 1000;
    expect(l.takeExpired()).toEqual([3]);
    c.t = 2500;
    expect(l.takeExpired()).toEqual([]);
    c.t = 3000;
    expect(l.takeExpired()).toEqual([3]);
    l.revoked(3);
    c.t = 10_000;
    expect(l.takeExpired()).toEqual([]);
  });

  it("a demoted member forgets its clocks", () => {
    const c = clock();
    const l = new Lessor(c);
    l.promote([{ id: 1, ttl: 1 }]);
    l.demote();
    c.t = 5000;
    expect(l.takeExpired()).toEqual([]);
    expect(l.remaining(1)).toBe(-1);
  });
});
