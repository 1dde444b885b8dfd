-- AlterTable
ALTER TABLE "Feed" ADD COLUMN "calendar" TEXT;
ALTER TABLE "Feed" ADD COLUMN "staleAfterMs" INTEGER;
