/** Fixes for container runs: publish on 127.0.0.1 only (rewriting the spec), or drop the publish option. */
import { removePorts } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import type { RunNative } from './extract';

const TITLE = 'Publish only on 127.0.0.1';

function publishLocally(rule: AccessRule): WriterResult {
  const n = rule.native as RunNative;
  // Swarm's ingress mesh publishes on every node and takes no address; the long syntax has no address either.
  if (n.kind !== 'short' || n.run.service || !n.publish || n.publish.at === undefined || !n.short) return undefined;
  const { hostIp, host } = n.short;
  const at = n.publish.at;
  let edit: TextEdit;
  if (hostIp) edit = { span: { offset: at + hostIp.at, length: hostIp.text.length }, newText: '127.0.0.1' };
  // `-p 445` publishes on a random host port: `127.0.0.1::445` keeps that, on loopback only.
  else edit = { span: { offset: at, length: 0 }, newText: host ? '127.0.0.1:' : '127.0.0.1::' };
  return { edits: [edit], title: TITLE, usesSources: false };
}

/** Deletes words from the end of the word before them, so a `\` continuation line goes with its option. */
function deleteWords(rule: AccessRule, from: number, to: number): TextEdit {
  const words = (rule.native as RunNative).run.command.words;
  const before = [...words].reverse().find((w) => w.span.offset + w.span.length <= from);
  const start = before ? before.span.offset + before.span.length : from;
  // Only blanks and `\` continuations lie between; the blank after the option still separates its neighbours.
  return { span: { offset: start, length: to - start }, newText: '' };
}

function dropPublish(rule: AccessRule, services: SmbService[]): WriterResult {
  const n = rule.native as RunNative;
  const ranges = rule.ports.ranges;
  if (n.kind === 'host-network' || !Array.isArray(ranges)) return undefined;
  const left = removePorts(ranges, services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port));
  if (n.kind === 'publish-all') {
    const { word, at } = n.run.publishAll!;
    if (word.text === '-P' || word.text === '--publish-all') return { edits: [deleteWords(rule, word.span.offset, word.span.offset + word.span.length)], title: 'Do not publish the image\'s ports (-P)' };
    if (at > 0 && word.literal) return { edits: [{ span: { offset: word.span.offset + at, length: 1 }, newText: '' }], title: 'Do not publish the image\'s ports (-P)' };
    return undefined;
  }
  const p = n.publish!;
  // The option must be the publish alone (not `-dp 445:445`, whose `-d` would go with it), its ports all SMB.
  if (left.length || !/^(?:-p|--publish)/.test(p.words[0].text)) return undefined;
  return { edits: [deleteWords(rule, p.span.offset, p.span.offset + p.span.length)], title: `Stop publishing ${p.value}` };
}

export const dockerRunFixes: FixWriter = {
  restrictSource: (_text, rule) => publishLocally(rule),
  removeServices: (_text, rule, _list, services) => dropPublish(rule, services),
};
