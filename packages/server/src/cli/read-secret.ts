/**
 * Passwords for the CLI: typed without echo at a terminal, else read line by line from stdin
 * (`printf '%s\n' "$PASSWORD" | faultline login …`), so they never sit in argv or shell history.
 */
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import { CliError, writeErr } from './io.js';

let piped: { lines: Interface; next: AsyncIterator<string> } | undefined;

export async function readSecret(prompt: string): Promise<string> {
  const secret = process.stdin.isTTY ? await promptHidden(prompt) : await nextPipedLine(prompt);
  if (secret === '') throw new CliError(`${prompt.replace(/:\s*$/, '')} must not be empty`);
  return secret;
}

/** Lets the process exit once a command is done with stdin. */
export function releaseStdin(): void {
  piped?.lines.close();
  piped = undefined;
}

async function nextPipedLine(prompt: string): Promise<string> {
  piped ??= (() => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    return { lines, next: lines[Symbol.asyncIterator]() };
  })();
  const line = await piped.next.next();
  if (line.done === true) {
    throw new CliError(`${prompt.replace(/:\s*$/, '')}: stdin ended; pipe one line per password`);
  }
  return line.value;
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      void writeErr('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish();
          reject(new CliError('cancelled', 130));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    void writeErr(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A new password: at a terminal typed twice, so a typo does not lock anyone out. */
export async function readNewPassword(prompt: string): Promise<string> {
  const password = await readSecret(prompt);
  if (process.stdin.isTTY && (await readSecret('again: ')) !== password) {
    throw new CliError('the two passwords differ', 1);
  }
  return password;
}
