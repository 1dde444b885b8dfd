/*
  Warnings:

  - A unique constraint covering the columns `[orderId]` on the table `IdempotencyKey` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "orderId" TEXT,
ADD COLUMN     "owner" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_orderId_key" ON "IdempotencyKey"("orderId");

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;
