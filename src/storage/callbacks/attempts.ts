// A message's (or inbound message's) callback attempts, oldest first: its timeline.

import type { Kysely } from 'kysely';
import type { CallbackAttempt } from '../../webhooks/ports.ts';
import type { Schema } from '../schema.ts';

export async function readAttempts(db: Kysely<Schema>, messageId: string): Promise<CallbackAttempt[]> {
  const rows = await db.selectFrom('callback_attempts').selectAll().where('message_id', '=', messageId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ jobId: Number(r.job_id), messageId: r.message_id, at: Number(r.at), url: r.url, statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error }));
}
