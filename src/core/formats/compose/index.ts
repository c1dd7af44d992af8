/** Docker Compose: ports a compose file publishes on the Docker host. */
import { headOf, type FormatModule } from '../format';
import { extractCompose } from './extract';
import { composeFixes } from './fixes';
import { composeDependents, composeNeeds, stackOf } from './project';

/** compose.yaml, compose.override.yml, docker-compose.yml, docker-compose.prod.yaml … */
const COMPOSE_NAME = /(?:^|[\\/])(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const SERVICES = /^services:[ \t]*(?:#.*)?\r?$/m;
const SERVICE_KEY = /^[ \t]+(?:image|build):/m;
/** Other YAML that may have a `services:` key: Kubernetes, CloudFormation, Ansible plays (a top-level list). */
const OTHER = /^(?:apiVersion:|kind:|AWSTemplateFormatVersion:|Resources:|- (?:hosts|name|import_playbook):)/m;

export const compose: FormatModule = {
  id: 'compose',
  displayName: 'Docker Compose',
  lineComment: '#',
  detect(uri, text) {
    const head = headOf(text);
    if (COMPOSE_NAME.test(uri)) return !/^apiVersion:/m.test(head);
    return YAML_NAME.test(uri) && SERVICES.test(head) && SERVICE_KEY.test(head) && !OTHER.test(head);
  },
  extract: (text, uri, budget, project) => extractCompose(text, budget, stackOf(uri, project)),
  fixes: composeFixes,
  project: {
    needs: (uri, _text, ctx) => composeNeeds(uri, ctx),
    dependents: composeDependents,
  },
};
