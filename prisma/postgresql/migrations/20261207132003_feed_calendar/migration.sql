-- AlterTable
ALTER TABLE "Feed" ADD COLUMN     "calendar" TEXT,
ADD COLUMN     "staleAfterMs" INTEGER;
