/** The client endpoints of `tskube lab up` (3 masters): tools default to them, so a lab needs no flags. */
export const LAB_ENDPOINTS = "127.0.0.11:9443,127.0.0.12:9443,127.0.0.13:9443";

/** The API server of the lab's first master (`tskube kubeconfig` points kubectl there by default). */
export const LAB_API_SERVER = "https://127.0.0.11:6443";
