// Valid bodies for the known-fields tests: manifests using every commonly used field (and many rare ones),
// the way users and controllers write them. A false "unknown field" on any of these would break
// `kubectl apply` of a valid manifest, so none may be reported.

const TIME = "2025-01-01T00:00:00Z";

export const OBJECT_META = {
  name: "web-0",
  generateName: "web-",
  namespace: "default",
  selfLink: "",
  uid: "0b1c2d3e-0000-4000-8000-000000000001",
  resourceVersion: "42",
  generation: 3,
  creationTimestamp: TIME,
  deletionTimestamp: TIME,
  deletionGracePeriodSeconds: 30,
  labels: { app: "web", "app.kubernetes.io/name": "web" },
  annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"kind":"Pod"}\n' },
  ownerReferences: [
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "web-5d4f",
      uid: "0b1c2d3e-0000-4000-8000-000000000002",
      controller: true,
      blockOwnerDeletion: true,
    },
  ],
  finalizers: ["example.com/cleanup"],
  managedFields: [
    {
      manager: "kubectl-client-side-apply",
      operation: "Update",
      apiVersion: "v1",
      time: TIME,
      fieldsType: "FieldsV1",
      // Free-form: its keys are field-set paths, never checked.
      fieldsV1: {
        "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
        "f:spec": { 'k:{"name":"x"}': {} },
      },
      subresource: "",
    },
  ],
};

const PROBE_EXEC = { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 10 };

const CONTAINER = {
  name: "app",
  image: "nginx:1.25",
  imagePullPolicy: "IfNotPresent",
  command: ["nginx"],
  args: ["-g", "daemon off;"],
  workingDir: "/srv",
  ports: [{ name: "http", containerPort: 80, protocol: "TCP", hostPort: 8080, hostIP: "0.0.0.0" }],
  env: [
    { name: "PLAIN", value: "1" },
    { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    {
      name: "CPU_LIMIT",
      valueFrom: { resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } },
    },
    { name: "CFG", valueFrom: { configMapKeyRef: { name: "cfg", key: "a", optional: true } } },
    { name: "PW", valueFrom: { secretKeyRef: { name: "s1", key: "password", optional: false } } },
  ],
  envFrom: [{ prefix: "CFG_", configMapRef: { name: "cfg", optional: true } }, { secretRef: { name: "s1" } }],
  resources: {
    limits: { cpu: "500m", memory: "256Mi", "nvidia.com/gpu": 1 },
    requests: { cpu: 0.25, memory: "128Mi" },
    claims: [{ name: "gpu", request: "one" }],
  },
  resizePolicy: [{ resourceName: "cpu", restartPolicy: "NotRequired" }],
  volumeMounts: [
    { name: "data", mountPath: "/data", subPath: "sub", readOnly: true, recursiveReadOnly: "IfPossible" },
    { name: "cfg", mountPath: "/etc/cfg", subPathExpr: "$(POD_NAME)", mountPropagation: "HostToContainer" },
  ],
  volumeDevices: [{ name: "raw", devicePath: "/dev/xvda" }],
  livenessProbe: {
    httpGet: {
      path: "/healthz",
      port: "http",
      host: "127.0.0.1",
      scheme: "HTTP",
      httpHeaders: [{ name: "X-Probe", value: "1" }],
    },
    initialDelaySeconds: 3,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
    terminationGracePeriodSeconds: 10,
  },
  readinessProbe: { tcpSocket: { port: 80, host: "" }, periodSeconds: 5 },
  startupProbe: { grpc: { port: 9090, service: "health" }, failureThreshold: 30 },
  lifecycle: {
    postStart: { exec: { command: ["sh", "-c", "echo hi"] } },
    preStop: { sleep: { seconds: 5 } },
  },
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "FallbackToLogsOnError",
  securityContext: {
    runAsUser: 1000,
    runAsGroup: 1000,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
    appArmorProfile: { type: "Localhost", localhostProfile: "k8s-nginx" },
    seLinuxOptions: { user: "u", role: "r", type: "t", level: "s0" },
    procMount: "Default",
    windowsOptions: { runAsUserName: "app", hostProcess: false, gmsaCredentialSpecName: "g" },
  },
  stdin: false,
  stdinOnce: false,
  tty: false,
};

const CONTAINER_STATUS = {
  name: "app",
  state: { running: { startedAt: TIME } },
  lastState: {
    terminated: {
      exitCode: 137,
      signal: 9,
      reason: "OOMKilled",
      message: "",
      startedAt: TIME,
      finishedAt: TIME,
      containerID: "containerd://abc",
    },
  },
  ready: true,
  restartCount: 1,
  image: "docker.io/library/nginx:1.25",
  imageID: "docker.io/library/nginx@sha256:0123",
  containerID: "containerd://def",
  started: true,
  allocatedResources: { cpu: "250m" },
  resources: { requests: { cpu: "250m" } },
  volumeMounts: [{ name: "data", mountPath: "/data", readOnly: true, recursiveReadOnly: "Enabled" }],
  user: { linux: { uid: 1000, gid: 1000, supplementalGroups: [4000] } },
  allocatedResourcesStatus: [{ name: "claim:gpu", resources: [{ resourceID: "gpu-0", health: "Healthy" }] }],
};

export const POD_SPEC = {
  initContainers: [
    { name: "init", image: "busybox", command: ["true"] },
    { name: "sidecar", image: "envoy", restartPolicy: "Always", startupProbe: PROBE_EXEC },
  ],
  containers: [CONTAINER],
  ephemeralContainers: [
    { name: "debugger", image: "busybox", targetContainerName: "app", stdin: true, tty: true },
  ],
  volumes: [
    { name: "data", persistentVolumeClaim: { claimName: "data", readOnly: false } },
    { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
    {
      name: "cfg",
      configMap: {
        name: "cfg",
        items: [{ key: "a", path: "a.txt", mode: 0o400 }],
        defaultMode: 420,
        optional: true,
      },
    },
    {
      name: "secret",
      secret: { secretName: "s1", defaultMode: 256, items: [{ key: "password", path: "pw" }] },
    },
    { name: "host", hostPath: { path: "/var/log", type: "Directory" } },
    {
      name: "projected",
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { audience: "api", expirationSeconds: 3600, path: "token" } },
          { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          { downwardAPI: { items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }] } },
          { secret: { name: "s1", optional: true } },
          { clusterTrustBundle: { signerName: "example.com/signer", path: "bundle.pem", optional: true } },
        ],
      },
    },
    {
      name: "labels",
      downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] },
    },
    {
      name: "scratch",
      ephemeral: {
        volumeClaimTemplate: {
          metadata: { labels: { type: "scratch" } },
          spec: {
            accessModes: ["ReadWriteOnce"],
            storageClassName: "fast",
            resources: { requests: { storage: "1Gi" } },
            volumeMode: "Filesystem",
          },
        },
      },
    },
    {
      name: "csi",
      csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { a: "b" } },
    },
    { name: "nfs", nfs: { server: "10.0.0.1", path: "/exports", readOnly: true } },
    { name: "raw", persistentVolumeClaim: { claimName: "raw" } },
    { name: "model", image: { reference: "quay.io/models/llm:1", pullPolicy: "IfNotPresent" } },
  ],
  nodeSelector: { "kubernetes.io/os": "linux" },
  nodeName: "node-1",
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }],
            matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["node-9"] }],
          },
        ],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 10, preference: { matchExpressions: [{ key: "disk", operator: "Exists" }] } },
      ],
    },
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { app: "cache" } },
          topologyKey: "kubernetes.io/hostname",
          namespaces: ["default"],
          namespaceSelector: { matchExpressions: [{ key: "team", operator: "In", values: ["a"] }] },
          matchLabelKeys: ["pod-template-hash"],
          mismatchLabelKeys: ["tenant"],
        },
      ],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { labelSelector: { matchLabels: { app: "web" } }, topologyKey: "zone" },
        },
      ],
    },
  },
  tolerations: [
    { key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" },
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  ],
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: "zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: { app: "web" } },
      minDomains: 2,
      nodeAffinityPolicy: "Honor",
      nodeTaintsPolicy: "Ignore",
      matchLabelKeys: ["pod-template-hash"],
    },
  ],
  serviceAccountName: "robot",
  serviceAccount: "robot",
  automountServiceAccountToken: false,
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 30,
  activeDeadlineSeconds: 600,
  dnsPolicy: "ClusterFirst",
  dnsConfig: {
    nameservers: ["1.1.1.1"],
    searches: ["svc.cluster.local"],
    options: [{ name: "ndots", value: "2" }],
  },
  hostNetwork: false,
  hostPID: false,
  hostIPC: false,
  shareProcessNamespace: true,
  hostname: "web-0",
  subdomain: "web",
  hostAliases: [{ ip: "10.0.0.2", hostnames: ["db.local"] }],
  imagePullSecrets: [{ name: "regcred" }],
  priorityClassName: "high",
  priority: 1000,
  preemptionPolicy: "PreemptLowerPriority",
  runtimeClassName: "gvisor",
  schedulerName: "default-scheduler",
  enableServiceLinks: false,
  securityContext: {
    fsGroup: 2000,
    fsGroupChangePolicy: "OnRootMismatch",
    runAsUser: 1000,
    runAsGroup: 1000,
    runAsNonRoot: true,
    supplementalGroups: [4000],
    supplementalGroupsPolicy: "Strict",
    seLinuxChangePolicy: "MountOption",
    sysctls: [{ name: "net.core.somaxconn", value: "1024" }],
    seccompProfile: { type: "Localhost", localhostProfile: "profiles/audit.json" },
    appArmorProfile: { type: "RuntimeDefault" },
    seLinuxOptions: { level: "s0:c123,c456" },
    windowsOptions: { runAsUserName: "ContainerUser" },
  },
  readinessGates: [{ conditionType: "example.com/feature-1" }],
  overhead: { cpu: "250m" },
  os: { name: "linux" },
  hostUsers: false,
  schedulingGates: [{ name: "example.com/gate" }],
  resourceClaims: [{ name: "gpu", resourceClaimTemplateName: "gpu-template" }],
  resources: { limits: { cpu: "2", memory: "1Gi" } },
};

export const POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: OBJECT_META,
  spec: POD_SPEC,
  status: {
    phase: "Running",
    conditions: [
      {
        type: "Ready",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: TIME,
        reason: "",
        message: "",
      },
    ],
    message: "",
    reason: "",
    nominatedNodeName: "",
    hostIP: "10.0.0.5",
    hostIPs: [{ ip: "10.0.0.5" }],
    podIP: "10.244.1.7",
    podIPs: [{ ip: "10.244.1.7" }, { ip: "fd00::7" }],
    startTime: TIME,
    initContainerStatuses: [
      { ...CONTAINER_STATUS, name: "init", state: { terminated: { exitCode: 0, reason: "Completed" } } },
    ],
    containerStatuses: [CONTAINER_STATUS],
    ephemeralContainerStatuses: [
      {
        ...CONTAINER_STATUS,
        name: "debugger",
        state: { waiting: { reason: "ContainerCreating", message: "" } },
      },
    ],
    qosClass: "Burstable",
    resize: "InProgress",
    resourceClaimStatuses: [{ name: "gpu", resourceClaimName: "web-0-gpu-abc" }],
  },
};

export const SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: {
    type: "LoadBalancer",
    selector: { app: "web" },
    ports: [
      { name: "http", protocol: "TCP", appProtocol: "http", port: 80, targetPort: "http", nodePort: 30080 },
      { name: "https", port: 443, targetPort: 8443 },
    ],
    clusterIP: "10.96.0.10",
    clusterIPs: ["10.96.0.10"],
    externalIPs: ["203.0.113.10"],
    sessionAffinity: "ClientIP",
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    loadBalancerIP: "",
    loadBalancerSourceRanges: ["0.0.0.0/0"],
    loadBalancerClass: "example.com/lb",
    externalName: "",
    externalTrafficPolicy: "Local",
    healthCheckNodePort: 31000,
    publishNotReadyAddresses: false,
    ipFamilies: ["IPv4"],
    ipFamilyPolicy: "SingleStack",
    allocateLoadBalancerNodePorts: true,
    internalTrafficPolicy: "Cluster",
    trafficDistribution: "PreferClose",
  },
  status: {
    loadBalancer: {
      ingress: [
        {
          ip: "203.0.113.10",
          hostname: "",
          ipMode: "VIP",
          ports: [{ port: 80, protocol: "TCP", error: "" }],
        },
      ],
    },
    conditions: [
      {
        type: "LoadBalancerReady",
        status: "True",
        observedGeneration: 1,
        lastTransitionTime: TIME,
        reason: "Ready",
        message: "",
      },
    ],
  },
};

export const HPA_V1 = {
  apiVersion: "autoscaling/v1",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "default" },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    minReplicas: 2,
    maxReplicas: 5,
    targetCPUUtilizationPercentage: 80,
  },
  status: {
    observedGeneration: 1,
    lastScaleTime: TIME,
    currentReplicas: 2,
    desiredReplicas: 3,
    currentCPUUtilizationPercentage: 90,
  },
};

const METRIC_TARGET = { type: "Utilization", averageUtilization: 80 };

export const HPA_V2 = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "default" },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      { type: "Resource", resource: { name: "cpu", target: METRIC_TARGET } },
      {
        type: "ContainerResource",
        containerResource: { name: "memory", container: "app", target: METRIC_TARGET },
      },
      {
        type: "Pods",
        pods: {
          metric: { name: "rps", selector: { matchLabels: { app: "web" } } },
          target: { type: "AverageValue", averageValue: "100" },
        },
      },
      {
        type: "Object",
        object: {
          describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "main" },
          metric: { name: "requests" },
          target: { type: "Value", value: "10k" },
        },
      },
      {
        type: "External",
        external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: 30 } },
      },
    ],
    behavior: {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Percent", value: 100, periodSeconds: 15 },
          { type: "Pods", value: 4, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
      },
    },
  },
  status: {
    observedGeneration: 2,
    lastScaleTime: TIME,
    currentReplicas: 3,
    desiredReplicas: 3,
    currentMetrics: [
      {
        type: "Resource",
        resource: { name: "cpu", current: { averageUtilization: 85, averageValue: "850m" } },
      },
      { type: "External", external: { metric: { name: "queue" }, current: { value: "12" } } },
    ],
    conditions: [
      {
        type: "AbleToScale",
        status: "True",
        lastTransitionTime: TIME,
        reason: "ReadyForNewScale",
        message: "recommended size matches current size",
      },
    ],
  },
};

export const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: {
    replicas: 3,
    selector: {
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "tier", operator: "NotIn", values: ["x"] }],
    },
    template: { metadata: { labels: { app: "web" }, creationTimestamp: null }, spec: POD_SPEC },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
    minReadySeconds: 5,
    revisionHistoryLimit: 10,
    paused: false,
    progressDeadlineSeconds: 600,
  },
  status: {
    observedGeneration: 3,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    unavailableReplicas: 0,
    collisionCount: 0,
    conditions: [
      {
        type: "Available",
        status: "True",
        lastUpdateTime: TIME,
        lastTransitionTime: TIME,
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability.",
      },
    ],
  },
};
