-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('typed_name', 'paper_photo');

-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "photoKey" TEXT;

-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "acceptsBankTransfer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "acceptsCod" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "bankAccountName" TEXT,
ADD COLUMN     "bankAccountNumber" TEXT,
ADD COLUMN     "bankBin" TEXT,
ADD COLUMN     "coverPhoto" JSONB,
ADD COLUMN     "delegationRevokedAt" TIMESTAMP(3),
ADD COLUMN     "makes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewedById" TEXT,
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SellerConsent" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "method" "ConsentMethod" NOT NULL,
    "givenByName" TEXT NOT NULL,
    "photoKey" TEXT,
    "takenById" TEXT NOT NULL,
    "termsVersion" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SellerConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SellerInvite" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SellerInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SellerConsent_sellerId_key" ON "SellerConsent"("sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "SellerInvite_codeHash_key" ON "SellerInvite"("codeHash");

-- CreateIndex
CREATE INDEX "SellerInvite_sellerId_idx" ON "SellerInvite"("sellerId");

-- AddForeignKey
ALTER TABLE "SellerConsent" ADD CONSTRAINT "SellerConsent_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerConsent" ADD CONSTRAINT "SellerConsent_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerInvite" ADD CONSTRAINT "SellerInvite_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerInvite" ADD CONSTRAINT "SellerInvite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
