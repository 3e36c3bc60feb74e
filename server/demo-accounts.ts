import { normalizeVietnamesePhone, formatVietnamesePhone } from "#app/domain/phone.ts";
import type { Db } from "#app/services/platform/db.server.ts";
import { DEMO_PASSWORD, demoAccounts } from "#prisma/seed/demo-accounts.ts";

/** When the database holds the demo data, say how to sign in: it is the first thing people ask. */
export async function printDemoAccountsIfSeeded(db: Db) {
  const adminPhone = normalizeVietnamesePhone(demoAccounts[0].phone)!;
  if (!(await db.user.findUnique({ where: { phone: adminPhone }, select: { id: true } }))) return;
  console.log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const account of demoAccounts) {
    const phone = formatVietnamesePhone(normalizeVietnamesePhone(account.phone)!);
    console.log(`  ${account.role.padEnd(10)} ${phone}${account.email ? `  or  ${account.email}` : ""}`);
  }
}
