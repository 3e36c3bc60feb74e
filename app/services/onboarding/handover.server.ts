// Handing a shop over: the volunteer prints a one-time code, the seller signs in with it and sets a
// password, and may later revoke the volunteer's delegation.
import crypto from "node:crypto";
import { UserError } from "#app/domain/user-error.ts";
import { forbidden } from "#app/services/http/replies.server.ts";
import { auditedChange, recordAudit } from "../platform/audit.server.ts";
import { hashPassword, type CurrentUser } from "../identity/auth.server.ts";
import { getDb } from "../platform/db.server.ts";
import { SESSION_TTL_MS } from "../identity/session.server.ts";

export const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud and typed by hand

/** "K7Q2-M9XP-3DHT": 12 characters from 32 (60 bits), grouped for reading out over the phone. */
export function newInviteCode() {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normalizeInviteCode(input: string) {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function hashInviteCode(code: string) {
  return crypto.createHash("sha256").update(normalizeInviteCode(code)).digest("hex");
}

/**
 * Creates (or reuses) the seller's own account, keyed by the shop's phone number, and a fresh
 * one-time invite. Returns the code: it is shown once and never stored in the clear.
 */
export async function createInvite(volunteer: CurrentUser, sellerId: string) {
  const code = newInviteCode();
  await auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "handover.invite",
    async (tx) => {
      const seller = await tx.seller.findUniqueOrThrow({
        where: { id: sellerId },
        select: { status: true, phone: true, contactName: true, email: true, ownerId: true },
      });
      if (seller.status !== "approved") throw new UserError("handover.notApproved", {}, 409);
      if (seller.ownerId) throw new UserError("handover.alreadyOwned", {}, 409);
      // The invite sets a password. It must never reach an account that already has one (or staff):
      // otherwise a shop's phone number, which the volunteer types, would open someone else's account.
      const existing = await tx.user.findUnique({
        where: { phone: seller.phone },
        select: { password: { select: { userId: true } }, roles: { select: { name: true } } },
      });
      if (
        existing &&
        (existing.password || existing.roles.some((r) => r.name === "admin" || r.name === "volunteer"))
      ) {
        throw new UserError("handover.phoneHasAccount", {}, 409);
      }
      const user = await tx.user.upsert({
        where: { phone: seller.phone },
        create: { phone: seller.phone, name: seller.contactName, roles: { connect: { name: "seller" } } },
        update: { roles: { connect: { name: "seller" } } },
        select: { id: true },
      });
      // Only the newest invite works.
      await tx.sellerInvite.updateMany({
        where: { sellerId, usedAt: null },
        data: { expiresAt: new Date() },
      });
      const invite = await tx.sellerInvite.create({
        data: {
          sellerId,
          userId: user.id,
          codeHash: hashInviteCode(code),
          createdById: volunteer.id,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        },
        select: { id: true, expiresAt: true },
      });
      return {
        entityType: "SellerInvite",
        entityId: invite.id,
        after: { userId: user.id, expiresAt: invite.expiresAt },
        result: undefined,
      };
    },
  );
  return code;
}

export async function findValidInvite(code: string) {
  return getDb().sellerInvite.findFirst({
    where: { codeHash: hashInviteCode(code), usedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      sellerId: true,
      userId: true,
      seller: { select: { displayName: true } },
      user: { select: { phone: true, name: true } },
    },
  });
}

/** The seller sets a password; the shop becomes theirs; they are signed in. Returns the session id. */
export async function acceptInvite(code: string, password: string) {
  const invite = await findValidInvite(code);
  if (!invite) throw new UserError("handover.invalidCode", {}, 400);
  const hash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    // Claim the invite first so two tabs cannot both use it.
    const claimed = await tx.sellerInvite.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new UserError("handover.invalidCode", {}, 400);
    await tx.password.upsert({
      where: { userId: invite.userId },
      create: { userId: invite.userId, hash },
      update: { hash },
    });
    await tx.seller.update({ where: { id: invite.sellerId }, data: { ownerId: invite.userId } });
    await recordAudit(tx, {
      actorId: invite.userId,
      onBehalfOfSellerId: invite.sellerId,
      action: "handover.accept",
      entityType: "Seller",
      entityId: invite.sellerId,
      after: { ownerId: invite.userId },
    });
    const session = await tx.session.create({
      data: { userId: invite.userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
      select: { id: true },
    });
    return session.id;
  });
}

/** The seller ends the volunteer's delegated access to their shop. */
export async function revokeDelegation(owner: CurrentUser, sellerId: string) {
  return auditedChange(
    { actorId: owner.id, onBehalfOfSellerId: sellerId },
    "handover.revokeDelegation",
    async (tx) => {
      const seller = await tx.seller.findFirst({
        where: { id: sellerId, ownerId: owner.id },
        select: { id: true },
      });
      if (!seller) throw forbidden();
      const revokedAt = new Date();
      await tx.seller.update({ where: { id: sellerId }, data: { delegationRevokedAt: revokedAt } });
      return {
        entityType: "Seller",
        entityId: sellerId,
        after: { delegationRevokedAt: revokedAt },
        result: undefined,
      };
    },
  );
}
