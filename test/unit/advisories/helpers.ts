/** Findings for one SMB service in one direction, from a minimal iptables-save file: the real analysis path. */
import { analyzeText, type AnalysisOptions, type Finding } from '../../../src/core/index';
import type { ExposureDirection, Protocol } from '../../../src/core/advisories/model';

export function findingsFor(protocol: Protocol, port: number, direction: ExposureDirection, options: AnalysisOptions = {}): Finding[] {
  const chain = direction === 'inbound' ? 'INPUT' : 'OUTPUT';
  const text = `*filter\n:INPUT DROP [0:0]\n:OUTPUT DROP [0:0]\n-A ${chain} -p ${protocol} --dport ${port} -j ACCEPT\nCOMMIT\n`;
  const services = [{ protocol, port, name: `${protocol}/${port}` }];
  return analyzeText({ uri: 'rules.v4', text, options: { services, ...options } }).findings;
}

export function smbv1Findings(): Finding[] {
  return analyzeText({ uri: 'enable.ps1', text: 'Set-SmbServerConfiguration -EnableSMB1Protocol $true -Force\n' }).findings;
}
