// Management API v1: the embedded SMSC simulator (only when `petrel start` runs one). Admin keys.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../contracts/messages.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

const Inbound = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 21, pattern: '^\\+?[0-9A-Za-z ]+$', description: 'The mobile number (or name) sending.' }),
    to: Type.String({ minLength: 1, maxLength: 21, pattern: '^\\+?[0-9A-Za-z ]+$', description: 'Your number or short code.' }),
    text: Type.String({ minLength: 1, maxLength: 1530, description: 'Longer than one SMS: sent as concatenated parts.' }),
    concat: Type.Optional(Type.Union([Type.Literal('udh'), Type.Literal('sar')], { description: 'How a long text is split: a UDH (default) or SAR TLVs.' })),
  },
  { additionalProperties: false },
);

export function simulatorRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/v1/simulator/inbound', {
    config: { api: 'v1', needs: 'operator' },
    preValidation: decodeJsonBody,
    schema: {
      tags: ['Simulator'],
      summary: 'Send a mobile-originated message from the embedded SMSC simulator to Petrel',
      body: Inbound,
      response: {
        202: Type.Object({ sent: Type.Boolean({ description: 'false: no receiver is bound yet; the simulator holds the message and delivers it on bind.' }) }),
        '4xx': ApiError,
      },
    },
    handler: async (req, reply) => {
      const sent = await deps.engine.inject(req.body);
      if (sent === null) throw new NotFoundError('no embedded simulator runs in this Petrel (a connector is configured, or PETREL_SIMULATOR=off)');
      return reply.code(202).send({ sent });
    },
  });
}
