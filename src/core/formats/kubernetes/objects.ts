/** The Kubernetes objects of a file: every document, `kind: List` items flattened, with their pod specs. */
import type { Node } from 'yaml';
import { get, isMap, items, str } from '../common/yaml';
import type { YamlFile } from '../common/yaml';

export interface K8sObject {
  node: Node;
  kind: string;
  name: string;
  /** Unique per file: the document number and the position in a List. */
  key: string;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'PodTemplate']);

export function objectsOf(file: YamlFile): K8sObject[] {
  const out: K8sObject[] = [];
  const add = (node: unknown, key: string) => {
    if (!isMap(node)) return;
    const kind = str(get(node, 'kind'));
    if (!kind) return;
    if (kind === 'List' || (kind.endsWith('List') && get(node, 'items'))) {
      items(get(node, 'items')).forEach((item, i) => add(item, `${key}.${i}`));
      return;
    }
    out.push({ node, kind, name: str(get(get(node, 'metadata'), 'name')) ?? '(unnamed)', key });
  };
  file.docs.forEach((doc, i) => add(doc.contents, String(i)));
  return out;
}

/** The pod spec of a Pod or of a workload's pod template; undefined for other kinds. */
export function podSpecOf(obj: K8sObject): Node | undefined {
  const spec = get(obj.node, 'spec');
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'PodTemplate') return get(get(obj.node, 'template'), 'spec');
  if (TEMPLATE_KINDS.has(obj.kind)) return get(get(spec, 'template'), 'spec');
  if (obj.kind === 'CronJob') return get(get(get(get(spec, 'jobTemplate'), 'spec'), 'template'), 'spec');
  return undefined;
}

/** Every container of a pod spec (init containers too: their host ports are bound while they run). */
export function containersOf(podSpec: Node | undefined): Node[] {
  return [...items(get(podSpec, 'containers')), ...items(get(podSpec, 'initContainers'))];
}

/** Container port names → numbers across the file, to resolve named targetPorts and policy ports. */
export function namedPorts(objects: readonly K8sObject[]): Map<string, number> {
  const names = new Map<string, number>();
  for (const obj of objects) {
    for (const c of containersOf(podSpecOf(obj))) {
      for (const p of items(get(c, 'ports'))) {
        const name = str(get(p, 'name'));
        const port = Number(str(get(p, 'containerPort')));
        if (name && Number.isInteger(port) && !names.has(name)) names.set(name, port);
      }
    }
  }
  return names;
}
