-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "flinkJobId" TEXT;
ALTER TABLE "Deployment" ADD COLUMN "savepointPath" TEXT;

