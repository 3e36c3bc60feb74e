// The one way a refusal the user can act on travels from where it is decided to the page that shows
// it: a message key (so the text is in the reader's language, chosen only when it is shown), the
// values for its placeholders, and the HTTP status of the reply. Anything that is not a UserError is
// a bug or an outage and must stay a 500: the reply helper rethrows it.
import type { MessageKey } from "#app/i18n/messages.ts";
import type { ProductUnit } from "./units.ts";

/** A quantity in a message ("0,5 kg"): formatted for the reader, not where the error is made. */
export type QuantityValue = { milli: number; unit: ProductUnit };
export type MessageValue = string | number | QuantityValue;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** The statuses a refusal may carry: the request was wrong, not allowed, gone, or came too late. */
export type UserErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429;

export class UserError extends Error {
  override readonly name = "UserError";

  constructor(
    readonly messageKey: MessageKey,
    readonly values: MessageValues = {},
    readonly status: UserErrorStatus = 400,
    options?: { cause?: unknown },
  ) {
    super(messageKey, options);
  }
}
