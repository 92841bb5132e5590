// HTTP servers bound to 127.0.0.1 only: the sandbox is never reachable from another machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from './personalities';

/** Listens on `port` (0: any free one); a taken fixed port falls back to a free one. */
export async function listenOnLoopback(port = 0): Promise<Server> {
  try {
    return await bind(port);
  } catch (error) {
    if (port !== 0 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') return bind(0);
    throw error;
  }
}

function bind(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Browsers keep connections alive; do not wait for them.
    server.closeAllConnections();
  });
}
