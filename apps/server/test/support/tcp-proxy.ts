import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The loopback port the proxy listens on while it is up. */
  readonly port: number;
  /** Connections forwarded so far. */
  connections(): number;
  /** Drops every connection at once and refuses new ones, as a database that went away. */
  cut(): Promise<void>;
  /** Accepts and forwards connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP forwarder on 127.0.0.1 to host:port that a test can cut and restore. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let forwarded = 0;
  let server: Server | undefined;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const forward = (client: Socket) => {
    forwarded += 1;
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const listenOn = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const listening = createServer(forward);
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve(listening));
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (server === undefined) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server = undefined;
      for (const socket of sockets) socket.destroy();
    });

  server = await listenOn(0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP address');
  const { port } = address;
  return {
    port,
    connections: () => forwarded,
    cut: stopListening,
    async restore() {
      server ??= await listenOn(port);
    },
    close: stopListening,
  };
}
