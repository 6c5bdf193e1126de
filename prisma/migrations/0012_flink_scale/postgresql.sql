-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "checkpointIntervalMs" INTEGER,
ADD COLUMN     "maxParallelism" INTEGER,
ADD COLUMN     "parallelism" INTEGER,
ADD COLUMN     "restoreSavepoint" TEXT;

