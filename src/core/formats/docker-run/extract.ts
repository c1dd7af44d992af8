/** Container runs → the ports they publish on the host, as allow rules (like Compose's). */
import { OutOfTime, stopReading, type Budget } from '../../analysis/budget';
import type { AccessRule, RuleList, RuleModel } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { hostMatch } from '../compose/extract';
import { HOST_NETWORK_NOTE, isSambaImage, PUBLISHED_NOTE, pushSambaPorts } from '../common/samba-image';
import { parseShortPort, portRange, type ShortPort } from '../compose/port-spec';
import { keepOnly } from '../common/blank';
import { lexShell, type Command, type ShellVar } from '../../text/shell/lexer';
import { allowList, ANY_SOURCE, portItem, portMatch, protocolOf, pushRule } from '../kubernetes/rule-build';
import { readRun, type Publish, type RunCommand } from './command';

export interface RunNative {
  kind: 'short' | 'long' | 'publish-all' | 'host-network';
  run: RunCommand;
  publish?: Publish;
  short?: ShortPort;
}


/** Every container run of a shell text (scripts, Makefile recipes, CI steps, unit files), in order. */
export function findRuns(text: string, onRun: (run: RunCommand) => void, budget?: Budget): ParseProblem[] {
  const vars = new Map<string, ShellVar>();
  const subs: Span[] = [];
  const onCommand = (source: string) => (c: Command) => {
    stopReading(budget, c.span.offset);
    const run = readRun(source, c);
    if (run) onRun(run);
  };
  try {
    const problems = lexShell(text, vars, onCommand(text), { substitutions: subs });
    // `ID=$(docker run …)`: the bodies of command substitutions, one level deep, at their own offsets.
    if (!subs.length) return problems;
    const inner = keepOnly(text, subs);
    return [...problems, ...lexShell(inner, new Map(vars), onCommand(inner))];
  } catch (e) {
    if (e instanceof OutOfTime) return []; // the budget records how far it read
    throw e;
  }
}

/** `published=445,target=445,protocol=udp,mode=host` (docker service create's long syntax) as key → value and
 *  the value's offset within the spec. */
function longSpec(value: string): Map<string, { text: string; at: number }> | undefined {
  if (!value.includes('=')) return undefined;
  const out = new Map<string, { text: string; at: number }>();
  let at = 0;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), { text: part.slice(eq + 1).trim(), at: at + eq + 1 });
    at += part.length + 1;
  }
  return out;
}

class Builder {
  readonly published: RuleList = { ...allowList('docker-run/host', 'Docker host'), note: PUBLISHED_NOTE };
  readonly hostNet: RuleList = { ...allowList('docker-run/host-network', 'Docker host (host networking)'), note: HOST_NETWORK_NOTE };
  readonly problems: ParseProblem[] = [];
  constructor(readonly text: string) {}

  private textOf(span: Span): string {
    return this.text.slice(span.offset, span.offset + span.length);
  }

  run(run: RunCommand): void {
    const image = run.image?.text ?? '';
    const samba = isSambaImage(image);
    const where = `${run.tool}${image ? ` ${image}` : ''}`;
    if (run.hostNetwork) {
      // Host networking ignores published ports; only a Samba image says which ports its daemons bind.
      if (samba) {
        const words = run.hostNetwork;
        const span = { offset: words[0].span.offset, length: words[words.length - 1].span.offset + words[words.length - 1].span.length - words[0].span.offset };
        pushSambaPorts(this.hostNet, `${where} --network host`, span, this.textOf(span), { kind: 'host-network', run } satisfies RunNative);
      }
      return;
    }
    for (const p of run.publishes) this.publish(run, where, p);
    if (run.publishAll && samba) {
      const span = run.publishAll.word.span;
      pushSambaPorts(this.published, `${where} -P`, span, this.textOf(span), { kind: 'publish-all', run } satisfies RunNative);
    }
  }

  private publish(run: RunCommand, where: string, p: Publish): void {
    if (p.unknown) return;
    const long = longSpec(p.value);
    const part = (at: number, length: number): Span => (p.at === undefined ? p.span : { offset: p.at + at, length });
    if (long) {
      const published = long.get('published');
      const target = long.get('target');
      // Without `published` a random host port is chosen: the target is still reachable through it.
      const port = published ?? target;
      if (!port) return;
      const range = portRange(port.text, port.at);
      if (range === 'unknown') return;
      if (!range) {
        this.problems.push({ span: p.span, message: `"${p.value}": "${port.text}" is not a port` });
        return;
      }
      const proto = long.get('protocol');
      this.push(where, p, portItem([range.from, range.to], range.text, part(port.at, port.text.length)), ANY_SOURCE, proto?.text, proto && part(proto.at, proto.text.length), { kind: 'long', run, publish: p });
      return;
    }
    const spec = parseShortPort(p.value);
    if (!spec) {
      this.problems.push({ span: p.span, message: `"${p.value}" is not a port mapping` });
      return;
    }
    if (spec.host === 'unknown' || spec.container === 'unknown' || !spec.container) return;
    const c = spec.container;
    // `-p 445` and `-p 127.0.0.1::445` publish the container port on a random host port: still reachable.
    const host = spec.host ?? c;
    if (spec.host && c.to - c.from !== host.to - host.from && c.from !== c.to) {
      this.problems.push({ span: p.span, message: `"${p.value}": host and container port ranges differ in length` });
      return;
    }
    const ip = spec.hostIp;
    const sources = hostMatch(ip?.text, ip && part(ip.at, ip.text.length));
    const proto = spec.protocol;
    this.push(where, p, portItem([host.from, host.to], host.text, part(host.at, host.text.length)), sources, proto?.text, proto && part(proto.at, proto.text.length), { kind: 'short', run, publish: p, short: spec });
  }

  private push(where: string, p: Publish, port: ReturnType<typeof portItem>, sources: AccessRule['sources'], protocol: string | undefined, protoSpan: Span | undefined, native: RunNative): void {
    pushRule(this.published, {
      label: `${where} publish ${p.value}${native.short && !native.short.host ? ' (random host port)' : ''}`,
      protocol: protocolOf(protocol),
      protocolSpan: protoSpan,
      ports: portMatch([port]),
      sources,
      span: p.span,
      text: this.textOf(p.span),
      native,
    });
  }
}

export function extractDockerRun(text: string, budget?: Budget): RuleModel {
  const b = new Builder(text);
  const expansion = findRuns(text, (run) => b.run(run), budget);
  const lists = [b.published, b.hostNet].filter((l) => l.rules.length);
  return { lists, problems: [...expansion, ...b.problems] };
}
