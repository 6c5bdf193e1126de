-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pipelineId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "runtime" TEXT NOT NULL DEFAULT 'embedded',
    "desiredState" TEXT NOT NULL DEFAULT 'running',
    "status" TEXT NOT NULL DEFAULT 'starting',
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "guarantee" TEXT NOT NULL DEFAULT 'exactly-once',
    "generation" INTEGER NOT NULL DEFAULT 0,
    "deadLetterTopic" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME,
    "stoppedAt" DATETIME,
    "stats" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deployment_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Deployment" ("createdAt", "desiredState", "error", "heartbeatAt", "id", "pipelineId", "runtime", "status", "updatedAt", "version") SELECT "createdAt", "desiredState", "error", "heartbeatAt", "id", "pipelineId", "runtime", "status", "updatedAt", "version" FROM "Deployment";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_pipelineId_createdAt_idx" ON "Deployment"("pipelineId", "createdAt");
CREATE INDEX "Deployment_desiredState_idx" ON "Deployment"("desiredState");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

