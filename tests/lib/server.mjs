// Starts a real Waymark server (build/waymark) on a free loopback port with a
// fresh database, for the API and browser tests; stop() removes everything.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function waymarkBin() {
  const bin = process.env.WAYMARK_BIN || 'build/waymark';
  return path.isAbsolute(bin) ? bin : path.join(repoRoot, bin);
}

/** Asks the kernel for a free port on 127.0.0.1 and gives it back. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function runCli(args, env = process.env) {
  try {
    return await execFileP(waymarkBin(), args, {
      cwd: repoRoot,
      env,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const hint = err.code === 'ENOENT' ? ' (no such program: run make, or set WAYMARK_BIN)' : '';
    throw new Error(`${waymarkBin()} ${args.join(' ')} failed (${err.code ?? err.signal})${hint}:\n` +
      `${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `waymark serve` on its own database.
 * @param {object} [o]
 * @param {boolean} [o.demo=true]  load the demo data first (`waymark demo`)
 * @param {object}  [o.env]        extra environment for every waymark command
 * @param {string[]} [o.args]      extra arguments for `waymark serve`
 * @param {string}  [o.dbUrl]      a postgres:// URL to use instead of a new SQLite file
 * @param {boolean} [o.init=true]  run `waymark init` first
 * @returns {Promise<{url: string, port: number, dbPath: string, dir: string,
 *   stderr: () => string, stdout: () => string, logLines: () => object[],
 *   proc: import('node:child_process').ChildProcess, stop: () => Promise<void>}>}
 */
export async function startServer({ demo = true, env = {}, args = [], dbUrl, init = true } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'waymark-test-'));
  const dbPath = dbUrl || path.join(dir, 'w.db');
  const fullEnv = { ...process.env, ...env };
  let proc;
  let out = '';
  let err = '';

  const stop = async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
    // Under `make check-sanitize` a report on the way out (a leak at exit,
    // say) must fail the test that started the server.
    const m = /==\d+==ERROR: |runtime error: |ERROR: LeakSanitizer/.exec(err);
    if (m) {
      throw new Error(`waymark serve reported a sanitizer error:\n${err.slice(Math.max(0, m.index - 200), m.index + 4000)}`);
    }
  };

  try {
    // A PostgreSQL database is shared by every test file of a run: start each
    // server on an empty schema so no file sees another's records.
    if (dbUrl && init) {
      await execFileP('psql', ['-q', '-v', 'ON_ERROR_STOP=1', dbUrl, '-c',
        'DROP SCHEMA public CASCADE; CREATE SCHEMA public;'], { env: fullEnv });
    }
    if (init) await runCli(['init', '--db', dbPath], fullEnv);
    if (demo) await runCli(['demo', '--db', dbPath], fullEnv);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    proc = spawn(waymarkBin(), ['serve', '--db', dbPath, '--port', String(port),
      '--bind', '127.0.0.1', ...args], { cwd: repoRoot, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { err += d; });
    let spawnError = null;
    proc.on('error', (e) => { spawnError = e; });

    const deadline = Date.now() + 15_000;
    let lastProblem = '';
    for (;;) {
      if (spawnError) throw spawnError;
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`waymark serve exited (${proc.exitCode ?? proc.signalCode}) before answering /healthz`);
      }
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) break;
        lastProblem = `status ${res.status}`;
      } catch (e) {
        lastProblem = e.cause?.code || e.message;
      }
      if (Date.now() > deadline) {
        throw new Error(`waymark serve did not answer /healthz with 200 within 15 s (last: ${lastProblem})`);
      }
      await sleep(50);
    }

    return {
      url,
      port,
      dbPath,
      dir,
      proc,
      stop,
      stdout: () => out,
      stderr: () => err,
      /** The JSON access-log lines written so far (other lines skipped). */
      logLines: () => err.split('\n').filter((l) => l.startsWith('{')).flatMap((l) => {
        try { return [JSON.parse(l)]; } catch { return []; }
      }),
    };
  } catch (e) {
    await stop().catch((e2) => { e.message += `\n${e2.message}`; });
    const detail = [out && `stdout:\n${out}`, err && `stderr:\n${err}`].filter(Boolean).join('\n');
    e.message += detail ? `\n${detail}` : '';
    throw e;
  }
}
