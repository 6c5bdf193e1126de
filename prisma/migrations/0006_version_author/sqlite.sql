-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "startAppliedAt" DATETIME;
ALTER TABLE "Deployment" ADD COLUMN "startAt" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PipelineVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pipelineId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "graph" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "author" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PipelineVersion_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PipelineVersion" ("createdAt", "graph", "id", "message", "pipelineId", "version") SELECT "createdAt", "graph", "id", "message", "pipelineId", "version" FROM "PipelineVersion";
DROP TABLE "PipelineVersion";
ALTER TABLE "new_PipelineVersion" RENAME TO "PipelineVersion";
CREATE UNIQUE INDEX "PipelineVersion_pipelineId_version_key" ON "PipelineVersion"("pipelineId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

