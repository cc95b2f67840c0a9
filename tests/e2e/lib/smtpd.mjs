// A real SMTP server for the e-mail stories: Debian's python3-aiosmtpd on 127.0.0.1, run by
// /usr/bin/python3, each accepted message a file in a temp directory; stopped by its pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = `
import os, socket, sys, time
from aiosmtpd.controller import Controller
inbox = sys.argv[1]
count = [0]
class Handler:
    async def handle_DATA(self, server, session, envelope):
        count[0] += 1
        path = os.path.join(inbox, '%04d.eml' % count[0])
        with open(path + '.tmp', 'wb') as f:
            f.write((' '.join(envelope.rcpt_tos) + '\\n').encode())
            f.write(envelope.original_content)
        os.rename(path + '.tmp', path)
        return '250 2.0.0 Message accepted'
probe = socket.socket()
probe.bind(('127.0.0.1', 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Handler(), hostname='127.0.0.1', port=port)
controller.start()
print('PORT', port, flush=True)
while True:
    time.sleep(3600)
`;

/** The decoded text/plain part of a message (base64, as Cove writes it). */
export function textPart(message) {
  const m = /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(message);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8') : '';
}

export async function startSmtpd() {
  const dir = mkdtempSync(join(tmpdir(), 'cove-e2e-smtpd-'));
  const child = spawn('/usr/bin/python3', ['-c', SCRIPT, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smtpd did not start: ${err}`)), 10_000);
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const messages = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => {
        const raw = readFileSync(join(dir, f), 'utf8');
        const nl = raw.indexOf('\n');
        return { to: raw.slice(0, nl).split(' '), raw: raw.slice(nl + 1), text: textPart(raw.slice(nl + 1)) };
      });
  return {
    port,
    messages,
    /** The first message to `to` whose text matches `pattern`, waiting up to `timeout` ms. */
    async waitFor(to, pattern, timeout = 15_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = messages().find((m) => m.to.includes(to) && pattern.test(m.text));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern}; got ${JSON.stringify(messages().map((m) => [m.to, m.text.slice(0, 80)]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop() {
      if (child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
