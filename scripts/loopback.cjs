// Preload (`node -r ./scripts/loopback.cjs ...`) that keeps every TCP server of the process on loopback.
// The Microsoft 365 Agents Playground calls `server.listen(port)` with no host, which binds all interfaces,
// and has no option for a host. This rewrites the host of every listen call to LOOPBACK_HOST
// (default 127.0.0.1). Unix sockets and handles are left alone.
'use strict';
const net = require('node:net');

const host = process.env.LOOPBACK_HOST || '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (args.length === 0 || typeof first === 'function') {
    // listen() / listen(callback): a random port on all interfaces, made loopback.
    return originalListen.call(this, { port: 0, host }, ...args);
  }
  if (isPort(first)) {
    const rest = args.slice(1);
    // Drop a host given by the caller (string, null or undefined in the host position).
    if (rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === null || rest[0] === undefined)) rest.shift();
    return originalListen.call(this, Number(first), host, ...rest);
  }
  if (first !== null && typeof first === 'object' && !('path' in first) && !('handle' in first) && !('_handle' in first) && !('fd' in first)) {
    return originalListen.call(this, { ...first, host }, ...args.slice(1));
  }
  return originalListen.apply(this, args);
};
