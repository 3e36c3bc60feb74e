// One handler per outbox topic. Features register theirs here (search indexing, order mail).
import { type OutboxHandler } from "./outbox.server.ts";

export const outboxHandlers: Record<string, OutboxHandler> = {};
