/** Protocol words shared by the platforms: names and IANA numbers (/etc/protocols: tcp 6, udp 17), and each
 *  tool's spellings of "all protocols". Formats pass their own "all" words; the reading is one. */
import type { Protocol } from '../../model/rule';

/** AWS ("-1", "all"), Azure and Windows ("*", "any"): the default, for the cloud and Windows readers. */
export const CLOUD_ANY: readonly string[] = ['-1', 'all', '*', 'any'];
/** iptables(8) -p: "all", and "The number zero is equivalent to all". */
export const IPTABLES_ANY: readonly string[] = ['all', '0'];

/** "tcp"/"6" (any case), "udp"/"17"; a word of `anyWords` is every protocol; anything else is another. */
export function protocolOfWord(word: string, anyWords: readonly string[] = CLOUD_ANY): Protocol {
  const w = word.trim().toLowerCase();
  if (w === 'tcp' || w === '6') return 'tcp';
  if (w === 'udp' || w === '17') return 'udp';
  return anyWords.includes(w) ? 'any' : 'other';
}

/** A list of protocol words (pf `proto { tcp udp }`, nft `meta l4proto { 6, 17 }`): TCP and UDP together are
 *  'any' for SMB's two; neither is 'other'. */
export function protocolOfWords(words: readonly string[], anyWords: readonly string[] = []): Protocol {
  const read = words.map((w) => protocolOfWord(w, anyWords));
  if (read.includes('any')) return 'any';
  const tcp = read.includes('tcp');
  const udp = read.includes('udp');
  return tcp && udp ? 'any' : tcp ? 'tcp' : udp ? 'udp' : 'other';
}
