/** Ansible extraction: parse once, walk plays into firewall tasks, replay them per firewall kind. */
import type { Budget } from '../../analysis/budget';
import type { RuleList, RuleModel } from '../../model/rule';
import { ExpansionBudget } from '../common/expansion';
import { parseYaml } from '../common/yaml';
import { awsLists, azureLists, gcpLists } from './cloud';
import { firewalldLists } from './firewalld';
import { iptablesLists } from './iptables';
import { playsOf, type VarLayers } from './tasks';
import { ansibleLayers } from './project';
import { mergeInstances } from '../../project/instances';
import type { ProjectContext } from '../../project/project';
import { ufwLists } from './ufw';
import { windowsLists } from './windows';

/** With a project, one reading per host the plays target (project.ts), merged: the worst value decides. */
export function extractAnsibleProject(text: string, uri: string, budget?: Budget, project?: ProjectContext): RuleModel {
  const read = ansibleLayers(uri, text, project);
  if (!read) return extractAnsible(text, budget);
  const model = mergeInstances(read.layers.map((l) => extractAnsible(text, budget, l)));
  model.problems.push(...read.problems);
  return model;
}

export function extractAnsible(text: string, budget?: Budget, layers?: VarLayers): RuleModel {
  const file = parseYaml(text, budget);
  const problems = [...file.problems];
  const lists: RuleList[] = [];
  const expansion = new ExpansionBudget(text.length);
  for (const play of playsOf(file, expansion, layers)) {
    if (!play.tasks.length) continue;
    // Several plays each get their own lists; the play name tells them apart.
    const before = lists.length;
    lists.push(...ufwLists(play, text, problems), ...firewalldLists(play, text, problems), ...iptablesLists(play, text, problems), ...windowsLists(play, text, problems));
    lists.push(...awsLists(play, text), ...azureLists(play, text), ...gcpLists(play, text));
    if (play.name && play.index > 0) for (const l of lists.slice(before)) l.name = `${l.name} (${play.name})`;
  }
  problems.push(...expansion.problems);
  return { lists, problems };
}
