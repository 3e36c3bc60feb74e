// The one reply helper: a refusal becomes a message in the reader's language with its status, and
// anything else keeps failing loudly (a bug must not look like the user's mistake).
import { describe, expect, it } from "vitest";
import { UserError } from "#app/domain/user-error.ts";
import { userErrorReply } from "./replies.server.ts";

const request = (lang?: string) =>
  new Request("http://localhost/x", { headers: lang ? { Cookie: `lang=${lang}` } : {} });

describe("userErrorReply", () => {
  it("answers a UserError with its message in the reader's language and its status", () => {
    const error = new UserError("cart.error.stock", { available: { milli: 1_500, unit: "kg" } }, 409);
    const vi = userErrorReply(request(), error, { intent: "add" });
    expect(vi.init?.status).toBe(409);
    expect(vi.data).toEqual({ intent: "add", formError: "Chỉ còn 1,5 kg." });
    expect(userErrorReply(request("en"), error).data.formError).toBe("Only 1.5 kg left.");
  });

  it("rethrows anything that is not a UserError", () => {
    const bug = new TypeError("x is undefined");
    expect(() => userErrorReply(request(), bug)).toThrow(bug);
    expect(() => userErrorReply(request(), new Response("Not found", { status: 404 }))).toThrow(Response);
  });
});
