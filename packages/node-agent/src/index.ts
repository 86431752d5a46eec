// Filled in by a later issue; see issues and DESIGN §1.
export const packageName = "@tskube/node-agent";
