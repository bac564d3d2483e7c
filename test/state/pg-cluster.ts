import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster for tests: its own temp dir, unix socket dir and free TCP port. */
export interface PgCluster {
  readonly url: string;
  stop(): Promise<void>;
}

async function findBinDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[])).sort((a, b) => Number(b) - Number(a));
  const version = versions[0];
  if (version === undefined) {
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  }
  return path.join(root, version, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** initdb refuses to run as root, so as root we run the server binaries as the `postgres` system user. */
async function asServerUser(
  file: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  if (process.getuid?.() === 0) return run('runuser', ['-u', 'postgres', '--', file, ...args]);
  return run(file, [...args]);
}

async function makeOwnedTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

/** Starts a cluster (trust auth, TCP on 127.0.0.1 and a private socket dir); throws loudly when it cannot. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = await findBinDir();
  const dir = await makeOwnedTempDir();
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  await asServerUser(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'safe', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await asServerUser(path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-o',
    options,
    '-w',
    '-l',
    path.join(dir, 'log'),
    'start',
  ]);
  return {
    url: `postgres://safe@127.0.0.1:${port}/postgres`,
    async stop() {
      await asServerUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
