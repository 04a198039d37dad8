import type { FastifyRequest } from 'fastify';
import type { Requester } from '../services/accounts';

/** Who sent the request, for the audit trail: the client address (through trusted proxies) and user agent. */
export function requesterOf(request: FastifyRequest): Requester {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** A string field of a parsed form body ('' when absent). */
export function field(request: FastifyRequest, name: string): string {
  const body = request.body as Record<string, unknown> | null | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
}
