/** Kubernetes manifests → one allow-only list per publishing Service, NetworkPolicy and host-port workload. */
import type { Budget } from '../../analysis/budget';
import type { RuleList, RuleModel } from '../../model/rule';
import { parseYaml } from '../common/yaml';
import { extractNetworkPolicy } from './network-policy';
import { namedPorts, objectsOf } from './objects';
import { extractService } from './service';
import { extractWorkload } from './workload';

export function extractKubernetes(text: string, budget?: Budget): RuleModel {
  try {
    const file = parseYaml(text, budget);
    const objects = objectsOf(file);
    const names = namedPorts(objects);
    const lists: RuleList[] = [];
    for (const obj of objects) {
      const list =
        obj.kind === 'Service' ? extractService(text, obj, names) : obj.kind === 'NetworkPolicy' ? extractNetworkPolicy(text, obj, names) : extractWorkload(text, obj);
      if (list) lists.push(list);
    }
    return { lists, problems: file.problems };
  } catch (e) {
    // Extraction never throws: an unexpected shape becomes one problem.
    return { lists: [], problems: [{ span: { offset: 0, length: Math.min(1, text.length) }, message: `unexpected structure (${(e as Error).message})` }] };
  }
}
