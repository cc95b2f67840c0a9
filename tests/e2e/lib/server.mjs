// Starts the real cove binary on 127.0.0.1 with an ephemeral port and a temp data directory,
// waits for /readyz, and stops it by its pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port free right now on 127.0.0.1 (for a server whose public URL must be known before it starts). */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `env`: more COVE_* settings; `listen`: a fixed HOST:PORT instead of an ephemeral port. */
export async function startCove({ binary, adminEmail, adminPassword, artifacts, env = {}, listen = '127.0.0.1:0' }) {
  const dir = mkdtempSync(join(tmpdir(), 'cove-e2e-'));
  mkdirSync(artifacts, { recursive: true });
  const log = createWriteStream(join(artifacts, 'server.log'));
  const child = spawn(binary, ['serve', '--listen', listen, '--data', join(dir, 'data')], {
    env: { ...process.env, ...env, COVE_ADMIN_EMAIL: adminEmail, COVE_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  let buffer = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('cove did not report its address within 15 s')), 15_000);
    child.on('exit', (code) => reject(new Error(`cove exited early with ${code}; see ${artifacts}/server.log`)));
    let listening = false;
    // One listener for the whole run: every line goes to server.log and to `buffer` once.
    child.stderr.on('data', (chunk) => {
      log.write(chunk);
      buffer += chunk.toString();
      const m = listening ? null : /msg="cove listening" url=(\S+)/.exec(buffer);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  for (let i = 0; i < 100; i += 1) {
    const res = await fetch(`${url}/readyz`).catch(() => null);
    if (res?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir: dir,
    /** Everything the server logged so far (start-up lines included). */
    logText: () => buffer,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      }
      log.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
