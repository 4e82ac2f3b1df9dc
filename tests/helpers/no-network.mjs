// Loaded with `node --import` (through NODE_OPTIONS) into the CLI under test: any attempt to reach
// the network (a socket to a host, a DNS lookup, fetch) is written to ANTHOLOGY_NETWORK_LOG and
// fails loudly, so a swallowed error still leaves its trace. Unix sockets and pipes are allowed.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const log = process.env.ANTHOLOGY_NETWORK_LOG;

function refuse(what) {
  if (log) appendFileSync(log, `${process.pid} ${what}\n`);
  throw new Error(`anthology test: network access refused: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path !== undefined || (typeof first === 'string' && Number.isNaN(Number(first)))) return connect.apply(this, args);
  return refuse(`connect ${options.host ?? 'localhost'}:${options.port}`);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt']) {
  dns[name] = (host) => refuse(`dns.${name} ${host}`);
  if (dns.promises[name]) dns.promises[name] = async (host) => refuse(`dns.promises.${name} ${host}`);
}
globalThis.fetch = async (input) => refuse(`fetch ${typeof input === 'string' ? input : (input?.url ?? String(input))}`);
