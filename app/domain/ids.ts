// What an id or a slug from a URL or a form can look like. Checked before a database sees it: a NUL
// or a 5,000-character "id" is simply not found, instead of an error from PostgreSQL (which refuses
// NUL in text) or a needless query.
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

export const isRecordId = (value: unknown): value is string =>
  typeof value === "string" && RECORD_ID.test(value);
export const isSlug = (value: unknown): value is string => typeof value === "string" && SLUG.test(value);
