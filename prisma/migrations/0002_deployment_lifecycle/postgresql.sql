-- DropIndex
DROP INDEX "Deployment_pipelineId_idx";

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "deadLetterTopic" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "guarantee" TEXT NOT NULL DEFAULT 'exactly-once',
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "stats" TEXT,
ADD COLUMN     "stoppedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Deployment_pipelineId_createdAt_idx" ON "Deployment"("pipelineId", "createdAt");

-- CreateIndex
CREATE INDEX "Deployment_desiredState_idx" ON "Deployment"("desiredState");

