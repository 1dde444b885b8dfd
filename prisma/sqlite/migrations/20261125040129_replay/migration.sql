-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Feed" (
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
    "pushTokenHash" TEXT,
    "replayCsv" TEXT,
    "replaySpeed" REAL NOT NULL DEFAULT 1,
    "replayLoop" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Feed" ("createdAt", "drift", "id", "name", "pushTokenHash", "seed", "slug", "source", "spreadBps", "status", "tickIntervalMs", "updatedAt", "volatility") SELECT "createdAt", "drift", "id", "name", "pushTokenHash", "seed", "slug", "source", "spreadBps", "status", "tickIntervalMs", "updatedAt", "volatility" FROM "Feed";
DROP TABLE "Feed";
ALTER TABLE "new_Feed" RENAME TO "Feed";
CREATE UNIQUE INDEX "Feed_slug_key" ON "Feed"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
