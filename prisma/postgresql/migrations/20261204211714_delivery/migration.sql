-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('seller', 'pickup', 'carrier');

-- CreateEnum
CREATE TYPE "PickupPointKind" AS ENUM ('team_office', 'post_office', 'market_stall');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "carrierTrackingCode" TEXT,
ADD COLUMN     "collectedAt" TIMESTAMP(3),
ADD COLUMN     "collectedById" TEXT,
ADD COLUMN     "deliveryFeeVnd" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "deliveryMethod" "DeliveryMethod" NOT NULL DEFAULT 'seller',
ADD COLUMN     "deliveryRule" JSONB,
ADD COLUMN     "pickupOn" TIMESTAMP(3),
ADD COLUMN     "pickupPointId" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "localOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "weightGrams" INTEGER;

-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "deliveryZones" JSONB;

-- CreateTable
CREATE TABLE "PickupPoint" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PickupPointKind" NOT NULL,
    "communeId" TEXT NOT NULL,
    "addressLine" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT '',
    "schedule" JSONB NOT NULL,
    "teamId" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PickupPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SellerPickupPoint" (
    "sellerId" TEXT NOT NULL,
    "pickupPointId" TEXT NOT NULL,
    "feeVnd" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SellerPickupPoint_pkey" PRIMARY KEY ("sellerId","pickupPointId")
);

-- CreateIndex
CREATE INDEX "PickupPoint_communeId_idx" ON "PickupPoint"("communeId");

-- CreateIndex
CREATE INDEX "PickupPoint_teamId_idx" ON "PickupPoint"("teamId");

-- CreateIndex
CREATE INDEX "SellerPickupPoint_pickupPointId_idx" ON "SellerPickupPoint"("pickupPointId");

-- CreateIndex
CREATE INDEX "Order_pickupPointId_pickupOn_idx" ON "Order"("pickupPointId", "pickupOn");

-- AddForeignKey
ALTER TABLE "PickupPoint" ADD CONSTRAINT "PickupPoint_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupPoint" ADD CONSTRAINT "PickupPoint_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "VolunteerTeam"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerPickupPoint" ADD CONSTRAINT "SellerPickupPoint_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerPickupPoint" ADD CONSTRAINT "SellerPickupPoint_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
