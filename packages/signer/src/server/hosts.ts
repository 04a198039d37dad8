/**
 * DNS rebinding defence: a page on evil.example can point its own name at 127.0.0.1, and its requests then
 * reach this component as same-origin requests for "evil.example". Browsers always send the name they used in
 * the Host header, so anything other than this computer's own names, with our port, is refused (403).
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const value = host.toLowerCase();
  return value === `localhost:${port}` || value === `127.0.0.1:${port}` || value === `[::1]:${port}`;
}
