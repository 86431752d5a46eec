import { LinearizabilityError } from "./errors.js";
import type { Operation } from "./types.js";

/** A call or return event of one operation, in a doubly linked list ordered by time. */
export interface Event {
  readonly op: number;
  readonly isCall: boolean;
  readonly time: number;
  /** For a call: its return event (lift/unlift move both together). For a return: itself. */
  match: Event;
  prev: Event | null;
  next: Event | null;
}

/** Head sentinel of the list; `head.next` is the earliest event still pending. */
export interface EventList {
  readonly head: Event;
}

export function validateOperation<I, O>(op: Operation<I, O>, index: number): void {
  if (!Number.isFinite(op.call)) {
    throw new LinearizabilityError(
      "InvalidHistory",
      `operation ${index}: call time ${op.call} is not finite`,
    );
  }
  if (Number.isNaN(op.return) || op.return < op.call) {
    throw new LinearizabilityError(
      "InvalidHistory",
      `operation ${index}: return time ${op.return} is before its call time ${op.call}`,
    );
  }
}

/**
 * Builds the event list. At equal times calls sort before returns, so two operations that merely touch
 * (one returns at t, the other is called at t) count as concurrent: with a coarse clock we cannot know their
 * order, and assuming one would report violations that did not happen.
 */
export function buildEventList<I, O>(ops: readonly Operation<I, O>[]): EventList {
  const events: Event[] = [];
  ops.forEach((op, i) => {
    validateOperation(op, i);
    const ret: Event = { op: i, isCall: false, time: op.return, match: null!, prev: null, next: null };
    ret.match = ret;
    const call: Event = { op: i, isCall: true, time: op.call, match: ret, prev: null, next: null };
    events.push(call, ret);
  });
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1));
  const head: Event = { op: -1, isCall: false, time: -Infinity, match: null!, prev: null, next: null };
  head.match = head;
  let prev = head;
  for (const e of events) {
    prev.next = e;
    e.prev = prev;
    prev = e;
  }
  return { head };
}

/** Removes a call event and its return from the list (the operation has been linearized). */
export function lift(call: Event): void {
  unlink(call);
  unlink(call.match);
}

/** Undoes `lift`; must be called in reverse order of lifts (the search backtracks like a stack). */
export function unlift(call: Event): void {
  relink(call.match);
  relink(call);
}

function unlink(e: Event): void {
  e.prev!.next = e.next;
  if (e.next !== null) e.next.prev = e.prev;
}

function relink(e: Event): void {
  e.prev!.next = e;
  if (e.next !== null) e.next.prev = e;
}
