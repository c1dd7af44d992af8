/** Protocol words shared by the platforms: names and IANA numbers, and the "all protocols" spellings. */
import type { Protocol } from '../../model/rule';

/** "tcp"/"6", "udp"/"17", "-1"/"all"/"*"/"any" (any protocol); anything else is another protocol. */
export function protocolOfWord(word: string): Protocol {
  switch (word.trim().toLowerCase()) {
    case 'tcp':
    case '6':
      return 'tcp';
    case 'udp':
    case '17':
      return 'udp';
    case '-1':
    case 'all':
    case '*':
    case 'any':
      return 'any';
    default:
      return 'other';
  }
}
