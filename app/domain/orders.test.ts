import { describe, expect, it } from "vitest";
import {
  type OrderAction,
  type OrderActor,
  type OrderHistory,
  type OrderState,
  availableActions,
  cancelledByOf,
  orderEvents,
  orderStatuses,
  paymentMethods,
  paymentStatuses,
  transition,
} from "./orders.ts";

const order = (overrides: Partial<OrderState> = {}): OrderState => ({
  status: "placed",
  paymentMethod: "cod",
  paymentStatus: "unpaid",
  ...overrides,
});

const confirm: OrderAction = { type: "confirm" };
const ship = (deliveryNote = "Giao qua Viettel Post, mã VTP123"): OrderAction => ({
  type: "ship",
  deliveryNote,
});
const deliver: OrderAction = { type: "deliver" };
const cancel = (reason = "Hết hàng"): OrderAction => ({ type: "cancel", reason });
const markPaid: OrderAction = { type: "mark_paid" };
const refund = (reason = "Hàng dập"): OrderAction => ({ type: "refund", reason });

const actors: OrderActor[] = ["buyer", "seller", "admin", "system"];

/** Applies a legal move's change to the state, as the service does. */
function apply(state: OrderState, action: OrderAction, actor: OrderActor): OrderState {
  const result = transition(state, action, actor);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return {
    ...state,
    ...(result.change.status && { status: result.change.status }),
    ...(result.change.paymentStatus && { paymentStatus: result.change.paymentStatus }),
  };
}

describe("the happy path", () => {
  it("goes placed → confirmed → shipped → delivered, then COD cash is received", () => {
    let state = order();
    expect(transition(state, confirm, "seller")).toEqual({ ok: true, change: { status: "confirmed" } });
    state = apply(state, confirm, "seller");
    expect(transition(state, ship("  VTP123  "), "seller")).toEqual({
      ok: true,
      change: { status: "shipped", deliveryNote: "VTP123" },
    });
    state = apply(state, ship(), "seller");
    expect(transition(state, deliver, "seller")).toEqual({ ok: true, change: { status: "delivered" } });
    state = apply(state, deliver, "seller");
    expect(transition(state, markPaid, "seller")).toEqual({ ok: true, change: { paymentStatus: "paid" } });
    expect(apply(state, markPaid, "seller")).toEqual({
      status: "delivered",
      paymentMethod: "cod",
      paymentStatus: "paid",
    });
  });

  it("lets the admin move an order along too", () => {
    let state = order({ paymentMethod: "bank_transfer" });
    for (const action of [confirm, ship(), deliver]) state = apply(state, action, "admin");
    expect(state.status).toBe("delivered");
  });

  it("refuses buyers and the payment provider every fulfilment step", () => {
    const states = [order(), order({ status: "confirmed" }), order({ status: "shipped" })];
    for (const actor of ["buyer", "system"] as const) {
      for (const [state, action] of [
        [states[0]!, confirm],
        [states[1]!, ship()],
        [states[2]!, deliver],
      ] as const) {
        expect(transition(state, action, actor)).toEqual({ ok: false, refusal: "order.refuse.notAllowed" });
      }
    }
  });

  it("refuses skipping or repeating a step", () => {
    expect(transition(order(), ship(), "seller")).toEqual({ ok: false, refusal: "order.refuse.wrongStatus" });
    expect(transition(order(), deliver, "seller")).toEqual({
      ok: false,
      refusal: "order.refuse.wrongStatus",
    });
    expect(transition(order({ status: "confirmed" }), confirm, "seller")).toEqual({
      ok: false,
      refusal: "order.refuse.wrongStatus",
    });
    expect(transition(order({ status: "confirmed" }), deliver, "admin")).toEqual({
      ok: false,
      refusal: "order.refuse.wrongStatus",
    });
    expect(transition(order({ status: "delivered" }), ship(), "seller")).toEqual({
      ok: false,
      refusal: "order.refuse.wrongStatus",
    });
    for (const action of [confirm, ship(), deliver]) {
      expect(transition(order({ status: "cancelled" }), action, "admin")).toEqual({
        ok: false,
        refusal: "order.refuse.wrongStatus",
      });
    }
  });
});

describe("cancelling", () => {
  it("lets the buyer cancel while the order is placed, with or without a reason", () => {
    expect(transition(order(), cancel(""), "buyer")).toEqual({
      ok: true,
      change: { status: "cancelled", cancelReason: "", cancelledBy: "buyer", releaseStock: true },
    });
    expect(transition(order(), cancel("  Đặt nhầm  "), "buyer")).toMatchObject({
      ok: true,
      change: { cancelReason: "Đặt nhầm" },
    });
  });

  it("refuses the buyer once the seller has confirmed", () => {
    for (const status of ["confirmed", "shipped", "delivered", "cancelled"] as const) {
      expect(transition(order({ status }), cancel(), "buyer")).toEqual({
        ok: false,
        refusal: "order.refuse.wrongStatus",
      });
    }
  });

  it("lets the seller cancel before shipping, with a reason", () => {
    for (const status of ["placed", "confirmed"] as const) {
      expect(transition(order({ status }), cancel("Hết hàng"), "seller")).toEqual({
        ok: true,
        change: { status: "cancelled", cancelReason: "Hết hàng", cancelledBy: "seller", releaseStock: true },
      });
    }
  });

  it("refuses the seller a cancellation without a reason", () => {
    for (const reason of ["", "   "]) {
      expect(transition(order(), cancel(reason), "seller")).toEqual({
        ok: false,
        refusal: "order.refuse.reasonRequired",
      });
    }
  });

  it("refuses the seller once the goods have left", () => {
    for (const status of ["shipped", "delivered", "cancelled"] as const) {
      expect(transition(order({ status }), cancel(), "seller")).toEqual({
        ok: false,
        refusal: "order.refuse.wrongStatus",
      });
    }
  });

  it("lets the admin cancel anything not yet delivered, with a reason", () => {
    for (const status of ["placed", "confirmed", "shipped"] as const) {
      expect(transition(order({ status }), cancel("Người bán nghỉ"), "admin")).toEqual({
        ok: true,
        change: {
          status: "cancelled",
          cancelReason: "Người bán nghỉ",
          cancelledBy: "admin",
          releaseStock: true,
        },
      });
    }
    expect(transition(order(), cancel(" "), "admin")).toEqual({
      ok: false,
      refusal: "order.refuse.reasonRequired",
    });
    for (const status of ["delivered", "cancelled"] as const) {
      expect(transition(order({ status }), cancel(), "admin")).toEqual({
        ok: false,
        refusal: "order.refuse.wrongStatus",
      });
    }
  });

  it("lets the payment provider cancel only a placed, unpaid card order", () => {
    expect(transition(order({ paymentMethod: "card" }), cancel("payment_expired"), "system")).toEqual({
      ok: true,
      change: {
        status: "cancelled",
        cancelReason: "payment_expired",
        cancelledBy: "payment_expired",
        releaseStock: true,
      },
    });
    for (const state of [
      order(),
      order({ paymentMethod: "bank_transfer" }),
      order({ paymentMethod: "card", paymentStatus: "paid" }),
      order({ paymentMethod: "card", paymentStatus: "paid", status: "confirmed" }),
      order({ paymentMethod: "card", status: "cancelled" }),
    ]) {
      expect(transition(state, cancel("payment_expired"), "system")).toEqual({
        ok: false,
        refusal: "order.refuse.wrongStatus",
      });
    }
  });
});

describe("card orders", () => {
  it("cannot be confirmed before the card payment has gone through", () => {
    for (const actor of ["seller", "admin"] as const) {
      expect(transition(order({ paymentMethod: "card" }), confirm, actor)).toEqual({
        ok: false,
        refusal: "order.refuse.cardUnpaid",
      });
    }
    expect(transition(order({ paymentMethod: "card", paymentStatus: "paid" }), confirm, "seller")).toEqual({
      ok: true,
      change: { status: "confirmed" },
    });
  });

  it("are marked paid only by the provider's webhook", () => {
    const unpaid = order({ paymentMethod: "card" });
    expect(transition(unpaid, markPaid, "system")).toEqual({ ok: true, change: { paymentStatus: "paid" } });
    for (const actor of ["buyer", "seller", "admin"] as const) {
      expect(transition(unpaid, markPaid, actor)).toEqual({
        ok: false,
        refusal: "order.refuse.cardPaidByProvider",
      });
    }
  });

  it("are marked paid once: a second webhook is refused", () => {
    expect(transition(order({ paymentMethod: "card", paymentStatus: "paid" }), markPaid, "system")).toEqual({
      ok: false,
      refusal: "order.refuse.alreadyPaid",
    });
  });
});

describe("marking cash or a transfer received", () => {
  it("takes COD cash only once the goods are on their way", () => {
    for (const status of ["placed", "confirmed"] as const) {
      expect(transition(order({ status }), markPaid, "seller")).toEqual({
        ok: false,
        refusal: "order.refuse.codBeforeShipping",
      });
    }
    for (const status of ["shipped", "delivered"] as const) {
      for (const actor of ["seller", "admin"] as const) {
        expect(transition(order({ status }), markPaid, actor)).toEqual({
          ok: true,
          change: { paymentStatus: "paid" },
        });
      }
    }
  });

  it("lets the seller or the admin mark a bank transfer received, at any stage before cancellation", () => {
    for (const status of ["placed", "confirmed", "shipped", "delivered"] as const) {
      for (const actor of ["seller", "admin"] as const) {
        expect(transition(order({ status, paymentMethod: "bank_transfer" }), markPaid, actor)).toEqual({
          ok: true,
          change: { paymentStatus: "paid" },
        });
      }
    }
    expect(
      transition(order({ status: "cancelled", paymentMethod: "bank_transfer" }), markPaid, "seller"),
    ).toEqual({ ok: false, refusal: "order.refuse.wrongStatus" });
  });

  it("refuses the buyer and the provider, and a second marking", () => {
    for (const paymentMethod of ["cod", "bank_transfer"] as const) {
      const state = order({ status: "shipped", paymentMethod });
      for (const actor of ["buyer", "system"] as const) {
        expect(transition(state, markPaid, actor)).toEqual({ ok: false, refusal: "order.refuse.notAllowed" });
      }
      for (const paymentStatus of ["paid", "refunded"] as const) {
        expect(transition({ ...state, paymentStatus }, markPaid, "seller")).toEqual({
          ok: false,
          refusal: "order.refuse.alreadyPaid",
        });
      }
    }
  });
});

describe("refunds", () => {
  it("need a paid order and a reason", () => {
    const paid = order({ status: "delivered", paymentStatus: "paid" });
    expect(transition(paid, refund("  Hàng dập  "), "seller")).toEqual({
      ok: true,
      change: { paymentStatus: "refunded", refundReason: "Hàng dập" },
    });
    expect(transition(paid, refund(""), "admin")).toEqual({
      ok: false,
      refusal: "order.refuse.reasonRequired",
    });
    expect(transition(order({ status: "delivered" }), refund(), "admin")).toEqual({
      ok: false,
      refusal: "order.refuse.notPaid",
    });
    expect(transition({ ...paid, paymentStatus: "refunded" }, refund(), "admin")).toEqual({
      ok: false,
      refusal: "order.refuse.notPaid",
    });
  });

  it("cover a cancelled card order that had been paid", () => {
    const state = order({ status: "cancelled", paymentMethod: "card", paymentStatus: "paid" });
    expect(transition(state, refund("Người bán hết hàng"), "admin")).toMatchObject({ ok: true });
  });

  it("are not for the buyer or the provider", () => {
    const paid = order({ status: "delivered", paymentStatus: "paid" });
    for (const actor of ["buyer", "system"] as const) {
      expect(transition(paid, refund(), actor)).toEqual({ ok: false, refusal: "order.refuse.notAllowed" });
    }
  });
});

describe("every combination", () => {
  it("either refuses with a known key or moves to a known state, never releasing stock without cancelling", () => {
    const actions: OrderAction[] = [
      confirm,
      ship(),
      deliver,
      cancel(),
      cancel(""),
      markPaid,
      refund(),
      refund(""),
    ];
    for (const status of orderStatuses) {
      for (const paymentMethod of paymentMethods) {
        for (const paymentStatus of paymentStatuses) {
          for (const actor of actors) {
            for (const action of actions) {
              const result = transition({ status, paymentMethod, paymentStatus }, action, actor);
              if (!result.ok) {
                expect(result.refusal).toMatch(/^order\.refuse\.\w+$/);
                continue;
              }
              // Nothing ever leaves "cancelled" or "delivered" except the payment status.
              if (status === "cancelled" || status === "delivered")
                expect(result.change.status).toBeUndefined();
              if (result.change.releaseStock) expect(result.change.status).toBe("cancelled");
              if (result.change.status === "cancelled") expect(result.change.releaseStock).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe("availableActions", () => {
  it("offers the seller what fits each stage", () => {
    expect(availableActions(order(), "seller")).toEqual(["confirm", "cancel"]);
    expect(availableActions(order({ status: "confirmed" }), "seller")).toEqual(["ship", "cancel"]);
    expect(availableActions(order({ status: "shipped" }), "seller")).toEqual(["deliver", "mark_paid"]);
    expect(availableActions(order({ status: "delivered" }), "seller")).toEqual(["mark_paid"]);
    expect(availableActions(order({ status: "delivered", paymentStatus: "paid" }), "seller")).toEqual([
      "refund",
    ]);
    expect(availableActions(order({ status: "cancelled" }), "seller")).toEqual([]);
  });

  it("offers a bank transfer's payment from the start, and a card order's confirmation only once paid", () => {
    expect(availableActions(order({ paymentMethod: "bank_transfer" }), "seller")).toEqual([
      "confirm",
      "mark_paid",
      "cancel",
    ]);
    expect(availableActions(order({ paymentMethod: "card" }), "seller")).toEqual(["cancel"]);
    expect(availableActions(order({ paymentMethod: "card", paymentStatus: "paid" }), "seller")).toEqual([
      "confirm",
      "cancel",
      "refund",
    ]);
  });

  it("offers the buyer only a cancellation, and only while placed", () => {
    expect(availableActions(order(), "buyer")).toEqual(["cancel"]);
    expect(availableActions(order({ status: "confirmed" }), "buyer")).toEqual([]);
  });

  it("offers the admin a cancellation even once shipped", () => {
    expect(availableActions(order({ status: "shipped" }), "admin")).toEqual([
      "deliver",
      "mark_paid",
      "cancel",
    ]);
  });

  it("offers the provider only what a webhook does", () => {
    expect(availableActions(order({ paymentMethod: "card" }), "system")).toEqual(["mark_paid", "cancel"]);
    expect(availableActions(order(), "system")).toEqual([]);
  });
});

describe("orderEvents", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 3, minute));
  const history = (overrides: Partial<OrderHistory> = {}): OrderHistory => ({
    createdAt: at(0),
    confirmedAt: null,
    shippedAt: null,
    deliveredAt: null,
    paidAt: null,
    cancelledAt: null,
    refundedAt: null,
    paymentMethod: "cod",
    deliveryNote: null,
    cancelledBy: null,
    cancelReason: null,
    refundReason: null,
    ...overrides,
  });

  it("tells a new order as placed only", () => {
    expect(orderEvents(history())).toEqual([{ kind: "placed", at: at(0) }]);
  });

  it("orders the steps by their dates: a card order is paid before it is confirmed", () => {
    const events = orderEvents(
      history({
        paymentMethod: "card",
        paidAt: at(1),
        confirmedAt: at(5),
        shippedAt: at(9),
        deliveryNote: "Viettel Post",
      }),
    );
    expect(events.map((e) => e.kind)).toEqual(["placed", "paid", "confirmed", "shipped"]);
    expect(events[1]).toEqual({ kind: "paid", at: at(1), paymentMethod: "card" });
    expect(events[3]).toEqual({ kind: "shipped", at: at(9), deliveryNote: "Viettel Post" });
  });

  it("puts a COD payment after the delivery it was collected at", () => {
    const events = orderEvents(
      history({ confirmedAt: at(1), shippedAt: at(2), deliveredAt: at(3), paidAt: at(3) }),
    );
    expect(events.map((e) => e.kind)).toEqual(["placed", "confirmed", "shipped", "delivered", "paid"]);
  });

  it("says who cancelled and why, and an empty note as none", () => {
    const [, cancelled] = orderEvents(
      history({ cancelledAt: at(4), cancelledBy: "seller", cancelReason: "Hết hàng", deliveryNote: "" }),
    );
    expect(cancelled).toEqual({ kind: "cancelled", at: at(4), by: "seller", reason: "Hết hàng" });
    const [, expired] = orderEvents(history({ cancelledAt: at(4), cancelledBy: "payment_expired" }));
    expect(expired).toEqual({ kind: "cancelled", at: at(4), by: "payment_expired", reason: null });
  });

  it("reads an unknown canceller as unknown rather than inventing one", () => {
    const [, cancelled] = orderEvents(history({ cancelledAt: at(4), cancelledBy: "robot" }));
    expect(cancelled).toMatchObject({ kind: "cancelled", by: null });
    expect(cancelledByOf("constructor")).toBeNull();
  });

  it("ends with the refund and its reason", () => {
    const events = orderEvents(
      history({
        paymentMethod: "card",
        paidAt: at(1),
        cancelledAt: at(2),
        cancelledBy: "buyer",
        refundedAt: at(3),
        refundReason: "Đơn bị hủy",
      }),
    );
    expect(events.at(-1)).toEqual({ kind: "refunded", at: at(3), reason: "Đơn bị hủy" });
  });
});
