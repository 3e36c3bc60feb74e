-- AlterTable
ALTER TABLE "Certification" ADD COLUMN "photoKey" TEXT;

-- CreateTable
CREATE TABLE "SellerConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "givenByName" TEXT NOT NULL,
    "photoKey" TEXT,
    "takenById" TEXT NOT NULL,
    "termsVersion" TEXT NOT NULL,
    "givenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SellerConsent_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SellerConsent_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SellerInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "SellerInvite_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SellerInvite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Seller" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT,
    "communeId" TEXT NOT NULL,
    "addressLine" TEXT NOT NULL DEFAULT '',
    "story" TEXT NOT NULL DEFAULT '',
    "makes" TEXT NOT NULL DEFAULT '',
    "coverPhoto" JSONB,
    "acceptsCod" BOOLEAN NOT NULL DEFAULT true,
    "acceptsBankTransfer" BOOLEAN NOT NULL DEFAULT false,
    "bankBin" TEXT,
    "bankAccountNumber" TEXT,
    "bankAccountName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "submittedAt" DATETIME,
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "reviewedById" TEXT,
    "approvedAt" DATETIME,
    "delegationRevokedAt" DATETIME,
    "ownerId" TEXT,
    "onboardedById" TEXT,
    "teamId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Seller_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Seller_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Seller_onboardedById_fkey" FOREIGN KEY ("onboardedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Seller_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "VolunteerTeam" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Seller" ("addressLine", "approvedAt", "communeId", "contactName", "createdAt", "displayName", "email", "id", "kind", "onboardedById", "ownerId", "phone", "slug", "status", "story", "teamId", "updatedAt") SELECT "addressLine", "approvedAt", "communeId", "contactName", "createdAt", "displayName", "email", "id", "kind", "onboardedById", "ownerId", "phone", "slug", "status", "story", "teamId", "updatedAt" FROM "Seller";
DROP TABLE "Seller";
ALTER TABLE "new_Seller" RENAME TO "Seller";
CREATE UNIQUE INDEX "Seller_slug_key" ON "Seller"("slug");
CREATE UNIQUE INDEX "Seller_ownerId_key" ON "Seller"("ownerId");
CREATE INDEX "Seller_communeId_status_idx" ON "Seller"("communeId", "status");
CREATE INDEX "Seller_onboardedById_idx" ON "Seller"("onboardedById");
CREATE INDEX "Seller_teamId_idx" ON "Seller"("teamId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SellerConsent_sellerId_key" ON "SellerConsent"("sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "SellerInvite_codeHash_key" ON "SellerInvite"("codeHash");

-- CreateIndex
CREATE INDEX "SellerInvite_sellerId_idx" ON "SellerInvite"("sellerId");
