/** AWS CloudFormation (and SAM) templates in YAML or JSON: security groups and network-ACL entries. */
import { headOf, type FormatModule } from '../format';
import { extractCloudFormation } from './extract';
import { cloudformationFixes } from './fixes';
import { extractWithParameters, parameterFileUris } from './parameters';

/** Template-like names: YAML, JSON and the extensions CloudFormation tooling uses; untitled buffers too. */
const NAME = /(?:\.(?:ya?ml|json|template|cfn|tpl)|(?:^|[\\/])[^.\\/]+)$/i;
const VERSION = /["']?AWSTemplateFormatVersion["']?\s*:/;
const SAM = /["']?Transform["']?\s*:\s*(?:\[\s*)?["']?AWS::Serverless/;
const RESOURCES = /(?:^|[{,])[ \t]*["']?Resources["']?\s*:/m;
const AWS_TYPE = /["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/;

export const cloudformation: FormatModule = {
  id: 'cloudformation',
  displayName: 'CloudFormation',
  // YAML comments; JSON templates set the model's lineComment to null (they have no comment syntax).
  lineComment: '#',
  detect(uri, text) {
    if (!NAME.test(uri)) return false;
    const head = headOf(text);
    if (VERSION.test(head) || SAM.test(head)) return true;
    return RESOURCES.test(head) && AWS_TYPE.test(head);
  },
  extract: (text, uri, budget, project) => extractWithParameters((given) => extractCloudFormation(text, budget, given), uri, project),
  fixes: cloudformationFixes,
  project: {
    needs: (uri, _text, ctx) => ({ list: [], read: parameterFileUris(uri, ctx.settings.cloudformationParameterFiles) }),
  },
};
