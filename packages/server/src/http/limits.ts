/**
 * Input limits beyond the body size: a form may not hold more than a few dozen fields, repeated fields, or a
 * field longer than its route allows (default 1,000 characters; each form narrows its own fields further).
 */
import type { FastifyInstance } from 'fastify';
import { MenhuError } from '@menhu/protocol';

export const BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_MAX_FIELD_LENGTH = 1000;
const MAX_FIELDS = 50;

export function registerInputLimits(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body === undefined || body === null || typeof body !== 'object') return;
    const entries = Object.entries(body as Record<string, unknown>);
    if (entries.length > MAX_FIELDS) throw new MenhuError('ERR_BAD_REQUEST', 400);
    const max = request.routeOptions.config.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
    for (const [name, value] of entries) {
      if (typeof value !== 'string') throw new MenhuError('ERR_BAD_REQUEST', 400);
      if (value.length > max) {
        throw new MenhuError('ERR_FIELD_TOO_LONG', 413, { params: { field: name, max } });
      }
    }
  });
}
