/** The client endpoints of `tskube lab up` (3 masters, DESIGN §4): tools default to them, so a lab needs no flags. */
export const LAB_ENDPOINTS = "192.168.56.11:9443,192.168.56.12:9443,192.168.56.13:9443";

/** The API server of the lab's first master (`tskube kubeconfig` points kubectl there by default). */
export const LAB_API_SERVER = "https://192.168.56.11:6443";
