-- CreateTable
CREATE TABLE "Feed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'simulator',
    "status" TEXT NOT NULL DEFAULT 'running',
    "tickIntervalMs" INTEGER NOT NULL DEFAULT 500,
    "volatility" REAL NOT NULL DEFAULT 0.4,
    "drift" REAL NOT NULL DEFAULT 0,
    "spreadBps" INTEGER NOT NULL DEFAULT 10,
    "seed" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Instrument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "feedId" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "priceScale" INTEGER NOT NULL DEFAULT 2,
    "tickSize" INTEGER NOT NULL DEFAULT 1,
    "openPrice" INTEGER NOT NULL,
    "lastPrice" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Instrument_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Feed_slug_key" ON "Feed"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Instrument_symbol_key" ON "Instrument"("symbol");

-- CreateIndex
CREATE INDEX "Instrument_feedId_idx" ON "Instrument"("feedId");
