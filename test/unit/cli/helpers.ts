// Shared paths and helpers of the CLI tests (bundled into each test; not a test itself).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scan } from '../../../src/cli/scan';
import type { ScanReport } from '../../../src/cli/report';
import { toSarif } from '../../../src/cli/sarif';
import type { SarifLog } from '../../../src/cli/sarif-types';

/** The repository root: tests run bundled from dist/test/unit/cli. */
export const REPO = resolve(__dirname, '../../../..');
export const FIXTURE_PROJECT = join(REPO, 'test/fixtures/cli/project');
export const CLI = join(REPO, 'dist/cli.js');

/** Scans a folder in-process, as `smb-guard scan .` run from that folder would. */
export function scanFolder(cwd: string, extra: { trusted?: string[]; fix?: boolean; useGit?: boolean } = {}): ScanReport {
  const { report, errors } = scan({ paths: ['.'], cwd, trusted: extra.trusted ?? [], fix: extra.fix ?? false, useGit: extra.useGit, note: () => {} });
  if (errors.length) throw new Error(errors.join('\n'));
  return report;
}

/** The SARIF log of the fixture project, as `smb-guard scan --format sarif` writes it there. */
export function fixtureSarif(): SarifLog {
  const report = scanFolder(FIXTURE_PROJECT);
  return toSarif({ rootUri: pathToFileURL(FIXTURE_PROJECT).href, version: '1.2.3', files: report.files });
}

const temps: string[] = [];
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh folder in the OS temp dir, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `smb-guard-cli-test-${prefix}-`));
  temps.push(dir);
  return dir;
}

/** A throwaway copy of the fixture project. */
export function copyOfFixtures(): string {
  const dir = tempDir('fixtures');
  cpSync(FIXTURE_PROJECT, dir, { recursive: true });
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node esbuild.mjs` builds dist/cli.js); killed after `timeout` ms, if given. */
export function runCli(args: string[], cwd: string, timeout?: number): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it with \`node esbuild.mjs\``);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI through `sh -c` with a file-size limit of `blocks` (ulimit -f): writes past it fail. */
export function runCliLimited(args: string[], cwd: string, blocks: number): CliRun {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('sh', ['-c', `ulimit -f ${blocks} && exec ${quoted}`], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

export const hasGit = (): boolean => spawnSync('git', ['--version']).status === 0;
