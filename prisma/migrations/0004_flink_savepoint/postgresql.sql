-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "flinkJobId" TEXT,
ADD COLUMN     "savepointPath" TEXT;

