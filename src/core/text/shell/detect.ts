/** Format detection's check that a line really runs a program, past any command prefix (`doas ufw allow …`),
 *  and not merely mentions it (`echo ufw allow`, a comment). */
import { programName } from './command';
import { lexShell, type ShellVar } from './lexer';

/** Whether some command of `line` (one line of a script) runs a program whose name `program` matches. */
export function lineRuns(line: string, program: RegExp): boolean {
  let found = false;
  lexShell(line, new Map<string, ShellVar>(), (c) => {
    found ||= program.test(programName(c.words[c.head.program]));
  });
  return found;
}
