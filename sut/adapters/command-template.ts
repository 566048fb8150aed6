import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { PortBlock } from '../../simulators/net/port-block';

/**
 * `sut.command` with its placeholders filled in. The harness gives a process SUT what it must not
 * choose itself: `{port}` a port of the worker's block (free when checked, and the same again on a
 * restart, so the SUT keeps its address), `{recordings}` the recordings root the harness reads.
 * Call-control SUTs also get `{ms}` (the harness's Media Server) and `{profile}` (the profile file).
 */
export type CommandValues = Partial<Record<'port' | 'recordings' | 'ms' | 'profile', string>>;

export function fillCommand(command: readonly string[], values: CommandValues): string[] {
  return command.map((arg) => arg.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name as keyof CommandValues];
    if (value === undefined) throw new Error(`sut.command uses ${whole}, which the harness does not give here (it gives ${Object.keys(values).map((k) => `{${k}}`).join(' ') || 'none'})`);
    return value;
  }));
}

export function usesPlaceholder(command: readonly string[], name: keyof CommandValues): boolean {
  return command.some((arg) => arg.includes(`{${name}}`));
}

/** A port of the block on which nothing listens now, over UDP and TCP (a SIP SUT takes both). */
export function freePort(portBlock: PortBlock, host: string): Promise<number> {
  return portBlock.bind(async (port) => {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => resolve());
    }).catch((error: unknown) => {
      udp.close();
      throw error;
    });
    const tcp = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => resolve());
      });
    } finally {
      udp.close();
      if (tcp.listening) await new Promise((resolve) => tcp.close(resolve));
    }
    return port;
  });
}

/**
 * A process SUT's own port block (for its media ports) lies this many blocks after the worker's,
 * so the two never take turns on the same ports; `{port}` still comes from the worker's own block.
 */
const PROCESS_BLOCK_OFFSET = 4;

/** The environment a process SUT runs in: the harness's (GIR_MUTANT too), with a port block of its own. */
export function processSutEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const worker = Number(env.CUCUMBER_WORKER_ID ?? 0);
  return { ...env, CUCUMBER_WORKER_ID: String(worker + PROCESS_BLOCK_OFFSET) };
}

/**
 * Starts a process on a port of the block, again on the next one when it says the port was taken:
 * a port checked free and handed to a child can be taken before the child binds it (another run
 * on this machine), which bind-and-retry inside one process never sees.
 */
export async function startOnFreePort<T>(portBlock: PortBlock, start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(portBlock, '127.0.0.1');
    try {
      return await start(port);
    } catch (error) {
      const output = (error as { output?: string }).output ?? '';
      if (attempt >= attempts || !new RegExp(`EADDRINUSE[^\\n]*:${port}\\b`).test(output)) throw error;
    }
  }
}
