/** Benchmark input for Kubernetes: a large multi-document manifest of Deployments, Services and NetworkPolicies. */
import { bareParseYaml, rng } from './shared';

export const BENCH_URI = 'cluster.yaml';

const PORTS = [80, 443, 3000, 5432, 6379, 8080, 8443, 9090];
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

function deployment(i: number, port: number, hostPort: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: main
          image: registry.example.com/app-${i}:1.${i % 10}
          ports:
            - name: main
              containerPort: ${port}${hostPort ? `\n              hostPort: ${port}` : ''}
          resources:
            limits:
              memory: 256Mi
`;
}

function service(i: number, port: number, type: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  type: ${type}
  selector:
    app: app-${i}
  ports:
    - name: main
      port: ${port}
      targetPort: main
`;
}

function policy(i: number, port: number, r: () => number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: app-${i}
spec:
  podSelector:
    matchLabels:
      app: app-${i}
  policyTypes: [Ingress]
  ingress:
    - from:
        - ipBlock:
            cidr: ${r() < 0.5 ? '10.0.0.0/8' : `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.0.0/16`}
        - podSelector:
            matchLabels:
              role: frontend
      ports:
        - protocol: TCP
          port: ${port}
`;
}

/** About `rules` objects (one rule or so each); roughly 2 % publish SMB. */
export function generate(rules: number): string {
  const r = rng(445);
  const docs: string[] = [];
  for (let i = 0; docs.length < rules; i++) {
    const smb = r() < 0.02;
    const port = smb ? 445 : pick(r, PORTS);
    const k = r();
    docs.push(deployment(i, port, k < 0.05));
    docs.push(service(i, port, k < 0.3 ? 'LoadBalancer' : k < 0.4 ? 'NodePort' : 'ClusterIP'));
    if (k > 0.6) docs.push(policy(i, port, r));
  }
  return docs.join('---\n');
}

export { bareParseYaml as bareParse };
