// Who may call what in the management API.

import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../domain/errors.ts';

/** A preHandler that lets only admin keys through; `what` names the resource in the refusal. */
export function adminOnly(what: string): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    if (req.principal?.role !== 'admin') throw new ForbiddenError(`${what} ${what.endsWith('s') ? 'are' : 'is'} managed with an admin key`);
  };
}
