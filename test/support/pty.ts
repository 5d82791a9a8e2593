// Runs a command on a pseudo-terminal (python3's pty module), so that it has
// a controlling terminal (/dev/tty) as in an interactive shell, and types an
// answer once a prompt appears. Undefined when python3 is not available.
import { spawn, spawnSync } from 'node:child_process';

const DRIVER = String.raw`
import json, os, pty, select, sys, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec['argv'][0], spec['argv'], spec['env'])
out = b''
answered = False
deadline = time.time() + spec['timeout']
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    if not answered and spec['prompt'].encode() in out:
        time.sleep(0.05)
        os.write(fd, spec['answer'].encode())
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({'output': out.decode('utf-8', 'replace'), 'status': os.waitstatus_to_exitcode(status)}))
`;

export const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

export interface PtyResult {
  /** Everything written to the terminal (stdout and stderr together, `\r\n` line ends). */
  readonly output: string;
  readonly status: number;
}

export function runOnPty(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  dialog: { readonly prompt: string; readonly answer: string; readonly timeoutSeconds?: number },
): Promise<PtyResult> {
  const spec = JSON.stringify({ argv, env, prompt: dialog.prompt, answer: dialog.answer, timeout: dialog.timeoutSeconds ?? 20 });
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', DRIVER, spec], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out) as PtyResult);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
