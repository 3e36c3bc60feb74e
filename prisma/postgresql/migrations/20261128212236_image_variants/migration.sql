-- AlterTable
ALTER TABLE "ProductImage" ADD COLUMN     "blurDataUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "variants" JSONB;
