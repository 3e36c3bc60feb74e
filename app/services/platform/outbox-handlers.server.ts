// One handler per outbox topic.
import { z } from "zod";
import { getDb } from "./db.server.ts";
import { MAIL_TOPIC, sendQueuedMail } from "../messaging/mail/outbox-mail.server.ts";
import type { OutboxHandler } from "./outbox.server.ts";
import { getSearchEngine } from "../search/engine.server.ts";
import { indexProducts, SEARCH_INDEX_TOPIC } from "../search/indexer.server.ts";
import { SMS_TOPIC, sendQueuedSms } from "../messaging/sms.server.ts";

const IndexPayload = z.object({ productIds: z.array(z.string()).min(1) });

export const outboxHandlers: Record<string, OutboxHandler> = {
  [SEARCH_INDEX_TOPIC]: async (payload) => {
    const { productIds } = IndexPayload.parse(payload);
    await indexProducts(getDb(), getSearchEngine(), productIds);
  },
  [MAIL_TOPIC]: sendQueuedMail,
  [SMS_TOPIC]: sendQueuedSms,
};
