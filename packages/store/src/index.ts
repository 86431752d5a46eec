// The MVCC store of the masters (issue 3): see docs/store.md once it lands.
export {};
