-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "checkpointIntervalMs" INTEGER;
ALTER TABLE "Deployment" ADD COLUMN "maxParallelism" INTEGER;
ALTER TABLE "Deployment" ADD COLUMN "parallelism" INTEGER;
ALTER TABLE "Deployment" ADD COLUMN "restoreSavepoint" TEXT;

