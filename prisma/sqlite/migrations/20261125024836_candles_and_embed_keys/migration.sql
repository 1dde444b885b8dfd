-- CreateTable
CREATE TABLE "Candle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "symbol" TEXT NOT NULL,
    "interval" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "open" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "close" INTEGER NOT NULL,
    "ticks" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "EmbedKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "allowedOrigins" TEXT NOT NULL,
    "allowedFeeds" TEXT NOT NULL,
    "allowedSymbols" TEXT,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Candle_symbol_interval_start_idx" ON "Candle"("symbol", "interval", "start");

-- CreateIndex
CREATE UNIQUE INDEX "Candle_symbol_interval_start_key" ON "Candle"("symbol", "interval", "start");

-- CreateIndex
CREATE UNIQUE INDEX "EmbedKey_key_key" ON "EmbedKey"("key");
