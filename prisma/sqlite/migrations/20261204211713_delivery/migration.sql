-- AlterTable
ALTER TABLE "Seller" ADD COLUMN "deliveryZones" JSONB;

-- CreateTable
CREATE TABLE "PickupPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "communeId" TEXT NOT NULL,
    "addressLine" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT '',
    "schedule" JSONB NOT NULL,
    "teamId" TEXT NOT NULL,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PickupPoint_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PickupPoint_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "VolunteerTeam" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SellerPickupPoint" (
    "sellerId" TEXT NOT NULL,
    "pickupPointId" TEXT NOT NULL,
    "feeVnd" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("sellerId", "pickupPointId"),
    CONSTRAINT "SellerPickupPoint_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SellerPickupPoint_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'placed',
    "paymentMethod" TEXT NOT NULL,
    "paymentStatus" TEXT NOT NULL DEFAULT 'unpaid',
    "subtotalVnd" INTEGER NOT NULL,
    "deliveryNote" TEXT NOT NULL DEFAULT '',
    "deliveryMethod" TEXT NOT NULL DEFAULT 'seller',
    "deliveryFeeVnd" INTEGER NOT NULL DEFAULT 0,
    "deliveryRule" JSONB,
    "pickupPointId" TEXT,
    "pickupOn" DATETIME,
    "collectedAt" DATETIME,
    "collectedById" TEXT,
    "carrierTrackingCode" TEXT,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "cancelledBy" TEXT,
    "refundReason" TEXT NOT NULL DEFAULT '',
    "stockReleasedAt" DATETIME,
    "confirmedAt" DATETIME,
    "shippedAt" DATETIME,
    "deliveredAt" DATETIME,
    "cancelledAt" DATETIME,
    "paidAt" DATETIME,
    "refundedAt" DATETIME,
    "paymentConfirmedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "OrderGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("cancelReason", "cancelledAt", "cancelledBy", "code", "confirmedAt", "createdAt", "deliveredAt", "deliveryNote", "groupId", "id", "paidAt", "paymentConfirmedById", "paymentMethod", "paymentStatus", "refundReason", "refundedAt", "sellerId", "shippedAt", "status", "stockReleasedAt", "subtotalVnd", "updatedAt") SELECT "cancelReason", "cancelledAt", "cancelledBy", "code", "confirmedAt", "createdAt", "deliveredAt", "deliveryNote", "groupId", "id", "paidAt", "paymentConfirmedById", "paymentMethod", "paymentStatus", "refundReason", "refundedAt", "sellerId", "shippedAt", "status", "stockReleasedAt", "subtotalVnd", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_code_key" ON "Order"("code");
CREATE INDEX "Order_sellerId_status_createdAt_idx" ON "Order"("sellerId", "status", "createdAt");
CREATE INDEX "Order_groupId_idx" ON "Order"("groupId");
CREATE INDEX "Order_pickupPointId_pickupOn_idx" ON "Order"("pickupPointId", "pickupOn");
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "unit" TEXT NOT NULL,
    "stepMilli" INTEGER NOT NULL DEFAULT 1000,
    "stockMilli" INTEGER NOT NULL DEFAULT 0,
    "priceVnd" INTEGER NOT NULL,
    "localOnly" BOOLEAN NOT NULL DEFAULT false,
    "weightGrams" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("categoryId", "createdAt", "description", "id", "name", "priceVnd", "sellerId", "slug", "status", "stepMilli", "stockMilli", "unit", "updatedAt") SELECT "categoryId", "createdAt", "description", "id", "name", "priceVnd", "sellerId", "slug", "status", "stepMilli", "stockMilli", "unit", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");
CREATE INDEX "Product_sellerId_status_idx" ON "Product"("sellerId", "status");
CREATE INDEX "Product_categoryId_status_idx" ON "Product"("categoryId", "status");
CREATE INDEX "Product_status_createdAt_idx" ON "Product"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PickupPoint_communeId_idx" ON "PickupPoint"("communeId");

-- CreateIndex
CREATE INDEX "PickupPoint_teamId_idx" ON "PickupPoint"("teamId");

-- CreateIndex
CREATE INDEX "SellerPickupPoint_pickupPointId_idx" ON "SellerPickupPoint"("pickupPointId");
