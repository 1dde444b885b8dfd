-- AlterTable
ALTER TABLE "Feed" ADD COLUMN "pushTokenHash" TEXT;
